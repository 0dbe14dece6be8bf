package io.gridshift.sandbox.process;

import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxCluster;
import io.gridshift.sandbox.temporal.ui.UiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sandbox process ({@code sandbox run}, started by {@code sandbox up}):
 *
 * <ol>
 *   <li>starts the {@link Sandbox} (Temporal, every cluster's API, controllers, kubelet, routing),
 *       Temporal without sticky execution, so that killing a worker never strands a workflow, and
 *       the Temporal UI server ({@code --ui-port}, 8233 by default);
 *   <li>writes the worker config for it ({@link SandboxWorkerConfig});
 *   <li>writes the state file last ({@link SandboxState}), so that its presence means "up";
 *   <li>runs until it is stopped: SIGTERM runs the sandbox's shutdown hook, which stops every pod's
 *       server, then the APIs and Temporal.
 * </ol>
 */
final class SandboxRun {
  private static final Logger log = LoggerFactory.getLogger(SandboxRun.class);

  private SandboxRun() {}

  /** Starts the sandbox and blocks until the JVM is stopped. */
  static void run(SandboxCommand command) throws IOException, InterruptedException {
    // Its workers are processes people start, stop and kill: no task may wait on a dead one's
    // sticky queue (see SandboxOptions#withoutStickyWorkflowTasks).
    Sandbox sandbox = Sandbox.start(command.options().withoutStickyWorkflowTasks());
    sandbox.startUi(command.uiPort(), command.codecEndpoint());
    SandboxState state = describe(sandbox);
    SandboxWorkerConfig.write(
        Path.of(state.workerConfig()),
        state.temporalAccess(),
        state.kubeconfig(),
        state.clusters().stream()
            .map(c -> new SandboxWorkerConfig.Cluster(c.name(), c.context()))
            .toList());
    state.write();
    log.info(
        "sandbox process {} up; state in {}", state.pid(), SandboxState.file(Path.of(state.dir())));
    // Nothing to do but serve: the sandbox's own shutdown hook stops it when the JVM is stopped.
    new CountDownLatch(1).await();
  }

  /** The state of {@code sandbox}, run by this process. */
  static SandboxState describe(Sandbox sandbox) {
    Path dir = sandbox.options().dir().toAbsolutePath().normalize();
    return new SandboxState(
        ProcessHandle.current().pid(),
        dir.toString(),
        sandbox.temporalTarget(),
        sandbox.kubeconfig().toAbsolutePath().toString(),
        sandbox.clusters().stream().map(SandboxRun::describe).toList(),
        dir.resolve(SandboxWorkerConfig.FILE_NAME).toString(),
        dir.resolve(SandboxMain.LOG_FILE).toString(),
        Instant.now().toString(),
        SandboxState.currentProcessStart(),
        sandbox.temporalAccess().tls(),
        sandbox.ui().map(UiServer::address).orElse(null));
  }

  private static SandboxState.Cluster describe(SandboxCluster cluster) {
    return new SandboxState.Cluster(
        cluster.name(),
        cluster.context(),
        cluster.apiUrl(),
        cluster.kubeconfig().toAbsolutePath().toString());
  }
}
