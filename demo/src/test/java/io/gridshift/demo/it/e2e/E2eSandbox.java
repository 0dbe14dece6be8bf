package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.AgentProcesses;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.UpgradeService;
import io.gridshift.worker.ApprovalSettings;
import io.gridshift.worker.GridshiftWorker;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.worker.observability.WorkerMetrics;
import io.gridshift.worker.observability.WorkerObservability;
import io.gridshift.workflows.client.PayloadEncryption;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastGates;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * What every end-to-end test runs on: a sandbox on ephemeral ports (so it never collides with
 * another one), the real worker serving its cluster {@code sandbox} (or, with several clusters, a
 * central worker that runs workflows only and an agent process per cluster), and the upgrade
 * service the CLI and REST front door use; plus waiting for gates and ends the way a person would.
 */
final class E2eSandbox implements AutoCloseable {
  static final String APPROVER = "e2e-approver";
  private static final Duration NO_PROGRESS = Duration.ofMinutes(10);
  private static final Set<Phase> ENDED =
      Set.of(Phase.COMPLETED, Phase.FAILED, Phase.ABORTED, Phase.NEEDS_ATTENTION);
  private static final Set<String> TROUBLE_GATES =
      Set.of(HazelcastGates.RESUME_OR_ROLLBACK, Gatekeeper.RETRY_GATE);

  private final Sandbox sandbox;
  private WorkflowServiceStubs stubs;
  private GridshiftWorker worker;
  private WorkerObservability observability;
  private UpgradeService service;
  private WorkflowClient client;
  private AgentProcesses agents;
  private PayloadEncryption encryption = PayloadEncryption.NONE;
  private TemporalAccess access;
  private List<WorkerConfig.Cluster> workerClusters;

  private E2eSandbox(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Starts it all in a new temporary directory named after {@code prefix}. */
  static E2eSandbox start(String prefix) throws IOException {
    return start(prefix, UnaryOperator.identity(), PayloadEncryption.NONE);
  }

  /**
   * As {@link #start(String)}, with the worker's and the upgrade service's payloads encrypted by
   * {@code encryption} (both build their client the way every gridshift process does).
   */
  static E2eSandbox start(String prefix, PayloadEncryption encryption) throws IOException {
    return start(prefix, UnaryOperator.identity(), encryption);
  }

  /**
   * As {@link #start(String)}, with the sandbox's options changed by {@code options} (e.g. {@code o
   * -> o.withRbacFrom(deploy)}: the worker then acts as the agent identity the RBAC binds).
   */
  static E2eSandbox start(String prefix, UnaryOperator<SandboxOptions> options) throws IOException {
    return start(prefix, options, PayloadEncryption.NONE);
  }

  private static E2eSandbox start(
      String prefix, UnaryOperator<SandboxOptions> options, PayloadEncryption encryption)
      throws IOException {
    E2eSandbox e2e =
        new E2eSandbox(
            Sandbox.start(
                options.apply(SandboxOptions.ephemeral(Files.createTempDirectory(prefix)))));
    e2e.encryption = encryption;
    try {
      e2e.startWorker(
          List.of(
              new WorkerConfig.Cluster(
                  "sandbox", e2e.sandbox.kubeconfig().toString(), "sandbox", false)));
    } catch (IOException | RuntimeException e) {
      e2e.close();
      throw e;
    }
    return e2e;
  }

  /**
   * Starts a sandbox with {@code clusters}, a central worker in this JVM that runs workflows only,
   * and an agent process per cluster (configs and logs in {@code agents/} of the sandbox
   * directory); returns once every agent polls.
   */
  static E2eSandbox startWithAgents(String prefix, String... clusters)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(prefix);
    E2eSandbox e2e =
        new E2eSandbox(Sandbox.start(SandboxOptions.ephemeral(dir).withClusters(clusters)));
    try {
      e2e.startWorker(List.of());
      e2e.agents = new AgentProcesses(e2e.sandbox.temporalTarget(), dir.resolve("agents"));
      e2e.agents.start(e2e.sandbox.clusters());
    } catch (IOException | InterruptedException | RuntimeException e) {
      e2e.close();
      throw e;
    }
    return e2e;
  }

  private void startWorker(List<WorkerConfig.Cluster> clusters) throws IOException {
    WorkerMetrics metrics = new WorkerMetrics();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(sandbox.temporalTarget())
                .setMetricsScope(metrics.scope())
                .build());
    access = TemporalAccess.plain(sandbox.temporalTarget()).withEncryption(encryption);
    // The product's client and data converter, encrypted or not: a request typed into the Temporal
    // UI has no "kind" (its workflow type says it), which only gridshift's converter reads.
    client = TemporalClients.client(stubs, access, null);
    workerClusters = clusters;
    worker = new GridshiftWorker(client, new WorkerConfig(access, true, clusters));
    worker.start();
    // The worker's /metrics, as a pod's Prometheus would scrape it (any free loopback port).
    observability =
        WorkerObservability.start("127.0.0.1", 0, metrics, stubs, access, worker.clusters());
    service = new UpgradeService(client);
  }

  /**
   * Replaces the in-process worker with one that decides gates under {@code approvals} (e.g.
   * signed), serving the same clusters through the same client; running upgrades carry on with it.
   */
  void restartWorker(ApprovalSettings approvals) throws IOException {
    worker.close();
    worker =
        new GridshiftWorker(
            client, new WorkerConfig(access, true, workerClusters).withApprovals(approvals));
    worker.start();
  }

  /** The Temporal client the worker and the upgrade service use. */
  WorkflowClient client() {
    return client;
  }

  /** Where the in-process worker serves its metrics ({@code http://127.0.0.1:PORT/metrics}). */
  String metricsUrl() {
    return observability.metricsUrl();
  }

  /** The agent processes ({@link #startWithAgents} only). */
  AgentProcesses agents() {
    return agents;
  }

  Sandbox sandbox() {
    return sandbox;
  }

  KubernetesClient kube() {
    return sandbox.client();
  }

  /**
   * How the worker and the service reach Temporal: the sandbox's frontend, this run's encryption.
   */
  TemporalAccess access() {
    return access;
  }

  UpgradeService service() {
    return service;
  }

  /**
   * Approves every gate as it opens, then returns the end. A gate that asks a person for help after
   * a failure ({@code resume-or-rollback}, {@code retry}) fails the test with the upgrade's message
   * instead: approving it would only run the failed step again, and waiting for the workflow to end
   * there would wait forever.
   */
  UpgradeStatus approveEveryGate(String id) throws InterruptedException {
    String previous = null;
    OpenGate gate;
    while ((gate = awaitOpenGateOrEnd(id, previous)) != null) {
      if (TROUBLE_GATES.contains(gate.name())) {
        throw unexpected(id, gate);
      }
      service.approve(id, new GateDecision(gate.name(), APPROVER, "e2e: go"));
      previous = gate.name();
    }
    return awaitEnd(id);
  }

  /** Waits for a gate to open; fails when the upgrade ends first. */
  OpenGate awaitOpenGate(String id) throws InterruptedException {
    OpenGate gate = awaitOpenGateOrEnd(id, null);
    assertThat(gate).as("a gate opens: " + service.status(id).message()).isNotNull();
    return gate;
  }

  /**
   * Waits for the end of an upgrade whose gates all pass on their own (AUTO). Any gate that opens
   * (e.g. {@code retry} after a failed step past cutover, which would otherwise wait a day) fails
   * the test with the upgrade's message.
   */
  UpgradeStatus awaitEndWithNoOpenGate(String id) throws InterruptedException {
    OpenGate gate = awaitOpenGateOrEnd(id, null);
    if (gate != null) {
      throw unexpected(id, gate);
    }
    return awaitEnd(id);
  }

  /**
   * The final status of an upgrade whose status says it has ended or stopped; fails the test
   * (rather than hanging the suite) when the workflow is still running after {@link #NO_PROGRESS}.
   */
  UpgradeStatus awaitEnd(String id) {
    try {
      return service.awaitCompletion(id, NO_PROGRESS);
    } catch (TimeoutException e) {
      UpgradeStatus status = service.status(id);
      throw new AssertionError(
          "upgrade "
              + id
              + " still runs after "
              + NO_PROGRESS
              + " in "
              + status.currentStep()
              + " ("
              + status.phase()
              + "): "
              + status.message(),
          e);
    }
  }

  private AssertionError unexpected(String id, OpenGate gate) {
    UpgradeStatus status = service.status(id);
    return new AssertionError(
        "gate '"
            + gate.name()
            + "' opened in step "
            + status.currentStep()
            + " ("
            + status.phase()
            + "): "
            + status.message());
  }

  /** The next open gate other than {@code previous}, or null once the upgrade has ended. */
  OpenGate awaitOpenGateOrEnd(String id, String previous) throws InterruptedException {
    long deadline = System.nanoTime() + NO_PROGRESS.toNanos();
    while (System.nanoTime() < deadline) {
      UpgradeStatus status = service.status(id);
      OpenGate gate = status.openGate();
      if (gate != null && !gate.name().equals(previous)) {
        return gate;
      }
      if (ENDED.contains(status.phase())) {
        return null;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("upgrade " + id + " made no progress in " + NO_PROGRESS);
  }

  @Override
  public void close() {
    if (agents != null) {
      agents.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (observability != null) {
      observability.close();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    sandbox.close();
  }
}
