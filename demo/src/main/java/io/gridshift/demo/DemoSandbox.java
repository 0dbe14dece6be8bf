package io.gridshift.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.sandbox.process.RunningSandbox;
import io.gridshift.sandbox.process.SandboxState;
import io.gridshift.sandbox.temporal.ui.UiServer;
import io.gridshift.worker.WorkerConfig;
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
      if (state.ui() != null) {
        out.printf("  Temporal UI %s (the upgrade appears there)%n", state.ui());
      }
      return running;
    }
    requireNoSandboxUp(options);
    out.println(
        "Starting the sandbox: Temporal, a Kubernetes API with a rollout simulator, real servers...");
    return startUi(Sandbox.start(options.workDir()), out);
  }

  /**
   * Starts the sandbox's Temporal UI and says where: on 8233 when the sandbox has the usual ports,
   * otherwise (a test's sandbox) on any free port; on any free port too when 8233 is taken (another
   * sandbox's UI), since a demo should not fail for want of its UI.
   */
  static Sandbox startUi(Sandbox sandbox, PrintStream out) throws IOException {
    int port = sandbox.options().temporalPort() == 0 ? 0 : UiServer.DEFAULT_PORT;
    try {
      UiServer ui;
      try {
        ui = sandbox.startUi(port, "");
      } catch (IOException taken) {
        if (port == 0) {
          throw taken;
        }
        ui = sandbox.startUi(0, "");
      }
      out.printf("  Temporal UI %s (the upgrade appears there)%n", ui.address());
      return sandbox;
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  /** Refuses to start a sandbox in a directory where {@code sandbox up} runs one. */
  static void requireNoSandboxUp(DemoOptions options) throws IOException {
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
        sandbox.temporalAccess(),
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
