package io.gridshift.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.sandbox.process.RunningSandbox;
import io.gridshift.sandbox.process.SandboxState;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.TemporalAccess;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox a demo runs on: one it starts itself in {@code --work-dir} (and stops at the end),
 * or, with {@code --sandbox DIR}, the one {@code ./gridshift sandbox up} runs there (left running).
 * A demo that would start its own while a sandbox is up in its directory is refused with both ways
 * out, rather than failing on a taken port.
 */
final class DemoSandbox {
  private DemoSandbox() {}

  /** Opens the demo's sandbox; {@link DemoRefused} when it cannot run as asked. */
  static SandboxConnection open(DemoOptions options, PrintStream out) throws IOException {
    if (options.sandbox() != null) {
      RunningSandbox running;
      try {
        running = RunningSandbox.attach(options.sandbox());
      } catch (IllegalStateException e) {
        throw new DemoRefused(e.getMessage());
      }
      SandboxState state = running.state();
      out.printf(
          "Using the sandbox up in %s (pid %d): it keeps running after the demo.%n",
          state.dir(), state.pid());
      return running;
    }
    Optional<SandboxState> up = RunningSandbox.find(options.workDir());
    if (up.isPresent()) {
      throw new DemoRefused(
          "a sandbox is up in "
              + options.workDir()
              + " (pid "
              + up.get().pid()
              + ", started by ./gridshift sandbox up): run the demo on it with --sandbox "
              + options.workDir()
              + ", or stop it first with ./gridshift sandbox down"
              + (options.workDir().equals(DemoOptions.DEFAULT_WORK_DIR)
                  ? ""
                  : " --dir " + options.workDir()));
    }
    out.println(
        "Starting the sandbox: Temporal, a Kubernetes API with a rollout simulator, real servers...");
    return Sandbox.start(options.workDir());
  }

  /**
   * Refuses a running sandbox that already holds the demo's grid (an earlier demo's): creating it
   * again would fail half-way.
   */
  static void requireNoGrid(SandboxConnection sandbox, String namespace, String grid) {
    if (!(sandbox instanceof RunningSandbox)) {
      return;
    }
    KubernetesClient kube = sandbox.client();
    boolean there =
        kube.apps().statefulSets().inNamespace(namespace).withName(grid).get() != null
            || kube.services().inNamespace(namespace).withName(grid).get() != null;
    if (there) {
      throw new DemoRefused(
          "the sandbox in "
              + sandbox.dir()
              + " already holds grid "
              + grid
              + " in namespace "
              + namespace
              + " (from an earlier demo?); for a fresh one: ./gridshift sandbox down, then"
              + " ./gridshift sandbox up");
    }
  }

  /**
   * The demo's in-process worker: hosts the workflows and serves the sandbox's first cluster, as
   * the worker config {@code sandbox up} writes does (a worker started with that file may poll
   * beside it; either runs any task).
   */
  static WorkerConfig workerConfig(SandboxConnection sandbox) {
    return new WorkerConfig(
        TemporalAccess.plain(sandbox.temporalTarget()),
        true,
        List.of(
            new WorkerConfig.Cluster(
                sandbox.defaultClusterName(),
                sandbox.kubeconfig().toString(),
                sandbox.defaultContext(),
                false)));
  }

  /** The demo cannot run as asked; the message says what to do. */
  static final class DemoRefused extends RuntimeException {
    DemoRefused(String message) {
      super(message);
    }
  }
}
