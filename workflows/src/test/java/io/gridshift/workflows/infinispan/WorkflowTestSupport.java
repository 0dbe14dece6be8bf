package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ClusterHealth;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.InfinispanDeployActivities;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the real workflow on the in-process Temporal test server (time skipping) on its production
 * task queue, with Mockito activities on the cluster's task queue. The activities answer for a
 * healthy 3-pod 14.0.28 grid {@code dg} with caches {@code orders} (protostream) and {@code
 * sessions}.
 */
abstract class WorkflowTestSupport {
  static final Map<String, String> SOURCE_SELECTOR = Map.of("app", "dg");
  static final String TARGET = "dg-15-0-21";
  static final String PINNED = "dg-gridshift-source";

  /** The claim every destructive request carries: the upgrade's workflow id. */
  static final String CLAIM = "infinispan-upgrade-test-apps-dg";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  final InfinispanDeployActivities deploy =
      mock(InfinispanDeployActivities.class, withSettings().withoutAnnotations());
  final InfinispanDataActivities data =
      mock(InfinispanDataActivities.class, withSettings().withoutAnnotations());
  final KubernetesActivities kube =
      mock(KubernetesActivities.class, withSettings().withoutAnnotations());

  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void startWorkers(TestWorkflowEnvironment env, WorkflowClient client) {
    this.env = env;
    this.client = client;
    registerWorkflows(env);
    Worker activities = env.newWorker(Requests.CLUSTER.taskQueue());
    activities.registerActivitiesImplementations(deploy, data, kube);
    answerForHealthyGrid();
    env.start();
  }

  /** The workflow workers; a test that needs more (children, visibility) registers them here. */
  void registerWorkflows(TestWorkflowEnvironment env) {
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(InfinispanUpgradeWorkflowImpl.class);
  }

  static SourceGrid sourceGrid(String version, int replicas, int ready) {
    return new SourceGrid(
        "dg",
        "quay.io/infinispan/server:" + version,
        version,
        replicas,
        ready,
        0,
        "dg-config",
        SOURCE_SELECTOR,
        "dg",
        SOURCE_SELECTOR,
        true,
        null,
        null);
  }

  static GridInventory inventory() {
    return new GridInventory(
        List.of(
            new CacheInfo("___protobuf_metadata", 2, null, true),
            new CacheInfo("orders", 1000, "application/x-protostream", false),
            new CacheInfo("sessions", 500, null, false)),
        List.of("orders.proto"),
        3);
  }

  private void answerForHealthyGrid() {
    when(deploy.inspectSource(any())).thenReturn(sourceGrid("14.0.28.Final", 3, 3));
    when(deploy.serviceHost(any(), any())).thenReturn("10.0.0.7");
    when(data.inventory(any())).thenReturn(inventory());
    when(data.renderRemoteStoreConfigs(any())).thenReturn("<distributed-cache name=\"orders\"/>");
    when(data.probeWriteThrough(any()))
        .thenAnswer(i -> new ProbeResult(i.<CacheRequest>getArgument(0).cache(), true, "ok"));
    when(data.syncData(any()))
        .thenAnswer(i -> new SyncResult(i.<SyncRequest>getArgument(0).cache().cache(), 100, 5));
    when(data.verify(any())).thenAnswer(i -> matching(i.getArgument(0)));
    when(data.waitForClusterHealth(any())).thenReturn(new ClusterHealth("HEALTHY", 3));
    when(kube.waitForRollout(any())).thenReturn(new RolloutStatus(3, 3, 3, 3, 0, true, "done"));
  }

  static VerifyResult matching(VerifyRequest r) {
    return new VerifyResult(r.cache().cache(), 100, 100, 100, 0, 0, List.of());
  }

  static VerifyResult missing(VerifyRequest r, long missing) {
    return new VerifyResult(r.cache().cache(), 100, 100 - missing, 100, missing, 0, List.of("k1"));
  }

  /** Starts an upgrade on the workflow task queue; returns its typed stub. */
  InfinispanUpgradeWorkflow start(InfinispanUpgradeRequest request) {
    InfinispanUpgradeWorkflow stub =
        client.newWorkflowStub(
            InfinispanUpgradeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.withDefaults().workflowId())
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    WorkflowClient.start(stub::upgrade, request);
    return stub;
  }

  /**
   * Waits (real time, no time skipping) until {@code status()} satisfies {@code condition}. Queries
   * do not unlock time skipping, so open gates stay open meanwhile.
   */
  static UpgradeStatus awaitStatus(
      InfinispanUpgradeWorkflow stub, String what, Predicate<UpgradeStatus> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    UpgradeStatus status = null;
    while (System.nanoTime() < deadline) {
      status = stub.status();
      if (condition.test(status)) {
        return status;
      }
      sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what + "; last status: " + status);
  }

  static UpgradeStatus awaitGate(InfinispanUpgradeWorkflow stub, String gate) {
    return awaitStatus(
        stub,
        "gate " + gate,
        s -> {
          OpenGate open = s.openGate();
          return open != null && open.name().equals(gate);
        });
  }

  static UpgradeStatus awaitPhase(InfinispanUpgradeWorkflow stub, Phase phase) {
    return awaitStatus(stub, "phase " + phase, s -> s.phase() == phase);
  }

  /** Approves {@code gate} by update once it is open. */
  static void approve(InfinispanUpgradeWorkflow stub, String gate, String by) {
    awaitGate(stub, gate);
    stub.approve(new GateDecision(gate, by, "looks good"));
  }

  /** Waits for the result (this unlocks time skipping: open gates expire). */
  static UpgradeStatus result(InfinispanUpgradeWorkflow stub) {
    return WorkflowStub.fromTyped(stub).getResult(UpgradeStatus.class);
  }

  /** Waits for the workflow to fail; returns its ApplicationFailure. */
  static ApplicationFailure failure(InfinispanUpgradeWorkflow stub) {
    WorkflowFailedException e =
        catchThrowableOfType(WorkflowFailedException.class, () -> result(stub));
    assertThat(e).as("the workflow should have failed").isNotNull();
    assertThat(e.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) e.getCause();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
