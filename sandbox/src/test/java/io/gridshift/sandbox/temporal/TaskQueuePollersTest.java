package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DescribeTaskQueue through the sandbox's front lists the workers that poll a queue, per task type,
 * as the Temporal UI shows them; a queue nobody polls has no pollers.
 */
class TaskQueuePollersTest {
  private static final String QUEUE = "pollers-test";

  @WorkflowInterface
  public interface Idle {
    @WorkflowMethod
    void run();
  }

  public static class IdleImpl implements Idle {
    @Override
    public void run() {}
  }

  @Test
  void listsTheWorkersPollingAQueueAndNoneForAnUnpolledOne() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start(0, false)) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkerFactory workers =
          WorkerFactory.newInstance(
              WorkflowClient.newInstance(
                  stubs, WorkflowClientOptions.newBuilder().setIdentity("worker-a").build()));
      try {
        workers.newWorker(QUEUE).registerWorkflowImplementationTypes(IdleImpl.class);
        workers.start();

        assertThat(awaitPollers(stubs, QUEUE, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW))
            .extracting(PollerInfo::getIdentity)
            .containsExactly("worker-a");
        assertThat(awaitPollers(stubs, QUEUE, TaskQueueType.TASK_QUEUE_TYPE_UNSPECIFIED))
            .extracting(PollerInfo::getIdentity)
            .as("unspecified means workflow, as on a real server")
            .containsExactly("worker-a");
        assertThat(pollers(stubs, "nobody-polls-this", TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW))
            .isEmpty();
        assertThat(pollers(stubs, QUEUE, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY))
            .as("a worker with no activities does not poll the activity queue")
            .isEmpty();
      } finally {
        workers.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }

  private static List<PollerInfo> awaitPollers(
      WorkflowServiceStubs stubs, String queue, TaskQueueType type) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<PollerInfo> found;
    while ((found = pollers(stubs, queue, type)).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return found;
  }

  private static List<PollerInfo> pollers(
      WorkflowServiceStubs stubs, String queue, TaskQueueType type) {
    return stubs
        .blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace("default")
                .setTaskQueue(TaskQueue.newBuilder().setName(queue))
                .setTaskQueueType(type)
                .build())
        .getPollersList();
  }
}
