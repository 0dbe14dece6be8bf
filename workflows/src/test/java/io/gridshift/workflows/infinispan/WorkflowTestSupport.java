package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.InfinispanDeployActivities;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.gridshift.workflows.testing.ActivitySpy;
import io.gridshift.workflows.testing.CountedMetrics;
import io.gridshift.workflows.testing.FakeInfinispanGrid;
import io.gridshift.workflows.testing.FakeKubernetesEvents;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the real workflow on the in-process Temporal test server (time skipping) on its production
 * task queue, with the activities of {@link FakeInfinispanGrid} on the cluster's task queue, spied
 * on by Mockito ({@link ActivitySpy}). They answer for a healthy 3-pod 14.0.28 grid {@code dg} with
 * caches {@code orders} (protostream) and {@code sessions}.
 */
abstract class WorkflowTestSupport {
  static final Map<String, String> SOURCE_SELECTOR = Map.of("app", "dg");
  static final String TARGET = "dg-15-0-21";
  static final String PINNED = "dg-gridshift-source";

  /** The claim every destructive request carries: the upgrade's workflow id. */
  static final String CLAIM = "infinispan-upgrade-test-apps-dg";

  /** What the workflows counted through their metrics scope. */
  static final CountedMetrics metrics = new CountedMetrics();

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .setDoNotStart(true)
          .setMetricsScope(metrics.scope())
          .build();

  /** The grid the activities answer for; a test changes it through its setters. */
  final FakeInfinispanGrid grid = new FakeInfinispanGrid();

  final InfinispanDeployActivities deploy = ActivitySpy.on(InfinispanDeployActivities.class, grid);
  final InfinispanDataActivities data = ActivitySpy.on(InfinispanDataActivities.class, grid);
  final KubernetesActivities kube = ActivitySpy.on(KubernetesActivities.class, grid);

  /** The Kubernetes Events the upgrade asks for. */
  final FakeKubernetesEvents events = new FakeKubernetesEvents();

  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void startWorkers(TestWorkflowEnvironment env, WorkflowClient client) {
    this.env = env;
    this.client = client;
    registerWorkflows(env);
    Worker activities = env.newWorker(Requests.CLUSTER.taskQueue());
    activities.registerActivitiesImplementations(deploy, data, kube, events);
    env.start();
  }

  /** The workflow workers; a test that needs more (children, visibility) registers them here. */
  void registerWorkflows(TestWorkflowEnvironment env) {
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(InfinispanUpgradeWorkflowImpl.class);
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
