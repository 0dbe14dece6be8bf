package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.AgentRestartTest.FLAKY;
import static io.gridshift.workflows.infinispan.GateOutcomesTest.step;
import static io.gridshift.workflows.infinispan.WorkflowTestSupport.TARGET;
import static io.gridshift.workflows.infinispan.WorkflowTestSupport.awaitGate;
import static io.gridshift.workflows.infinispan.WorkflowTestSupport.awaitStatus;
import static io.gridshift.workflows.infinispan.WorkflowTestSupport.failure;
import static io.gridshift.workflows.infinispan.WorkflowTestSupport.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.InfinispanDeployActivities;
import io.gridshift.workflows.testing.ActivitySpy;
import io.gridshift.workflows.testing.FakeInfinispanGrid;
import io.gridshift.workflows.testing.FakeKubernetesEvents;
import io.gridshift.workflows.testing.ShortAgentReturn;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's agent goes away after the upgrade's first contact (its worker stops polling the
 * cluster's task queue) and does not come back in time: the step fails with {@link
 * FailureTypes#NO_AGENT} naming the queue. Before the point of no return the compensation runs and
 * itself waits for the agent (saying so) rather than leaving the grid half undone; after it, a
 * person is asked at gate retry, and approving retries once the agent is back.
 *
 * <p>The wait for the agent is shortened to {@value #AGENT_RETURN_SECONDS} s ({@link
 * ShortAgentReturn}): the test server does not skip time while an activity waits in its queue.
 */
class AgentGoneTest {
  private static final int AGENT_RETURN_SECONDS = 3;
  private static final String QUEUE = FLAKY.taskQueue();

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .setDoNotStart(true)
          .setWorkerFactoryOptions(
              WorkerFactoryOptions.newBuilder()
                  .setWorkerInterceptors(
                      new ShortAgentReturn(Duration.ofSeconds(AGENT_RETURN_SECONDS)))
                  .build())
          .build();

  private final FakeInfinispanGrid grid = new FakeInfinispanGrid();
  private final InfinispanDeployActivities deploy =
      ActivitySpy.on(InfinispanDeployActivities.class, grid);
  private final InfinispanDataActivities data =
      ActivitySpy.on(InfinispanDataActivities.class, grid);
  private final KubernetesActivities kube = ActivitySpy.on(KubernetesActivities.class, grid);
  private final AtomicBoolean killed = new AtomicBoolean();
  private WorkflowClient client;
  private WorkerFactory agent;

  @BeforeEach
  void start(TestWorkflowEnvironment env, WorkflowClient client) {
    this.client = client;
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(InfinispanUpgradeWorkflowImpl.class);
    env.start();
  }

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      agent.shutdownNow();
    }
  }

  @Test
  void beforeCutoverTheStepFailsNamingTheQueueAndCompensationWaitsForTheAgent() {
    doAnswer(i -> dieOnce()).when(data).connectSource(any());
    startAgent();
    InfinispanUpgradeWorkflow stub = start();
    AgentRestartTest.awaitDeath(agent);
    Instant gone = Instant.now();

    // The step fails, then the compensation's first call (remove the target) waits in vain too.
    UpgradeStatus compensating =
        awaitStatus(
            stub,
            "compensation waiting for the agent",
            s -> s.message() != null && s.message().contains("waiting for the cluster's agent"));

    assertThat(compensating.phase()).isEqualTo(Phase.COMPENSATING);
    // connect-source runs per cache: the step that failed is connect-source or the next one.
    StepStatus failed = failedStep(compensating);
    assertThat(failed.name())
        .isIn(InfinispanSteps.CONNECT_SOURCE, InfinispanSteps.PROBE_WRITE_THROUGH);
    assertThat(failed.message())
        .contains(failed.name() + " failed: the cluster's agent is gone")
        .contains("task queue " + QUEUE + " within")
        .contains("start the agent");
    assertThat(compensating.message())
        .contains("compensating deploy-target: waiting for the cluster's agent")
        .contains("task queue " + QUEUE)
        .contains("the compensation goes on by itself");
    verify(deploy, never()).deleteGrid(any());
    Instant failedAt = Instant.parse(failed.endedAt());
    System.out.printf(
        "agent gone to a clear failure: %d ms (wait for the agent shortened to %d s)%n",
        Duration.between(gone, failedAt).toMillis(), AGENT_RETURN_SECONDS);

    startAgent();
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(FailureTypes.NO_AGENT);
    assertThat(failure.getOriginalMessage())
        .contains("task queue " + QUEUE)
        .contains("target " + TARGET + " was removed");
    verify(deploy).deleteGrid(any());
    assertThat(stub.status().phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void afterCutoverAPersonIsAskedAndApprovalRetriesOnceTheAgentIsBack() {
    doAnswer(i -> dieOnce()).when(data).disconnectSource(any());
    startAgent();
    InfinispanUpgradeWorkflow stub = start();
    AgentRestartTest.awaitDeath(agent);

    UpgradeStatus attention = awaitGate(stub, Gatekeeper.RETRY_GATE);

    assertThat(attention.phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    // disconnect-source runs per cache: the step that failed is it or verify-target.
    String failed = failedStep(attention).name();
    assertThat(failed).isIn(InfinispanSteps.DISCONNECT_SOURCE, InfinispanSteps.VERIFY_TARGET);
    assertThat(attention.message())
        .contains(failed + " failed: the cluster's agent is gone")
        .contains("task queue " + QUEUE + " within")
        .contains("start the agent")
        .contains("Approve gate 'retry' to run " + failed + " again");
    assertThat(step(attention, failed).state()).isEqualTo(StepState.WAITING_APPROVAL);
    verify(deploy, never()).deleteGrid(any());

    startAgent();
    stub.approve(new GateDecision(Gatekeeper.RETRY_GATE, "bob", "agent restarted"));
    UpgradeStatus done = result(stub);

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(step(done, failed).attempts()).isEqualTo(2);
  }

  private InfinispanUpgradeWorkflow start() {
    InfinispanUpgradeWorkflow stub =
        client.newWorkflowStub(
            InfinispanUpgradeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(AgentRestartTest.flaky().withDefaults().workflowId())
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    WorkflowClient.start(stub::upgrade, AgentRestartTest.flaky());
    return stub;
  }

  private void startAgent() {
    agent = WorkerFactory.newInstance(client);
    agent
        .newWorker(QUEUE)
        .registerActivitiesImplementations(deploy, data, kube, new FakeKubernetesEvents());
    agent.start();
  }

  private Object dieOnce() throws InterruptedException {
    return AgentRestartTest.dieOnce(killed, agent);
  }

  /** The step that failed, as the status shows it. */
  private static StepStatus failedStep(UpgradeStatus status) {
    return status.steps().stream()
        .filter(s -> s.state() == StepState.FAILED || s.state() == StepState.WAITING_APPROVAL)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no failed step in " + status.steps()));
  }
}
