package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A workflow whose worker died moves on with another worker only when the sandbox's Temporal hands
 * tasks to the normal queue: with sticky tasks, the test server leaves the next task on the dead
 * worker's sticky queue (a real server moves it after 5 s).
 */
class NonStickyWorkflowTasksTest {
  private static final String QUEUE = "non-sticky-test";

  @WorkflowInterface
  public interface AwaitsGo {
    @WorkflowMethod
    String run();

    @SignalMethod
    void go(String who);
  }

  public static class AwaitsGoImpl implements AwaitsGo {
    private String who;

    @Override
    public String run() {
      Workflow.await(() -> who != null);
      return "went with " + who;
    }

    @Override
    public void go(String who) {
      this.who = who;
    }
  }

  @Test
  void aWorkflowWhoseWorkerDiedCompletesOnAnotherWorker() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start(0, false)) {
      assertThat(runAcrossAWorkerDeath(server, 15)).isEqualTo("went with second");
    }
  }

  @Test
  void withStickyTasksTheTestServerLeavesItOnTheDeadWorkersQueue() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start(0, true)) {
      assertThatThrownBy(() -> runAcrossAWorkerDeath(server, 6))
          .isInstanceOf(TimeoutException.class);
    }
  }

  /**
   * A first worker runs the workflow's first task and is shut down (its sticky queue unpolled from
   * then on, as after a SIGKILL); a second worker starts; the signal's task must reach it.
   */
  private static String runAcrossAWorkerDeath(LocalTemporalServer server, int waitSeconds)
      throws Exception {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory first = WorkerFactory.newInstance(client);
      first.newWorker(QUEUE).registerWorkflowImplementationTypes(AwaitsGoImpl.class);
      first.start();
      AwaitsGo workflow =
          client.newWorkflowStub(
              AwaitsGo.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
      WorkflowClient.start(workflow::run);
      WorkflowStub stub = WorkflowStub.fromTyped(workflow);
      waitForFirstTask(client, stub);
      first.shutdownNow();
      first.awaitTermination(5, TimeUnit.SECONDS);

      WorkerFactory second = WorkerFactory.newInstance(client);
      second.newWorker(QUEUE).registerWorkflowImplementationTypes(AwaitsGoImpl.class);
      second.start();
      try {
        workflow.go("second");
        return stub.getResult(waitSeconds, TimeUnit.SECONDS, String.class);
      } finally {
        second.shutdownNow();
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  private static void waitForFirstTask(WorkflowClient client, WorkflowStub stub)
      throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var history = client.fetchHistory(stub.getExecution().getWorkflowId());
      boolean completed =
          history.getEvents().stream()
              .anyMatch(
                  e ->
                      e.getEventType()
                          == io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
      if (completed) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the first worker never completed the first task");
  }
}
