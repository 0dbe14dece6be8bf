package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A worker that ran a workflow dies (its connection cut, as by SIGKILL); a query then reaches a
 * worker started after it only when the server keeps tasks off the dead worker's sticky queue. The
 * second test pins down the Java test server's behaviour that makes this necessary: should a new
 * version fix it, that test fails and the interceptor can go.
 */
class NonStickyWorkflowTasksTest {
  private static final String QUEUE = "non-sticky-test";

  @WorkflowInterface
  public interface Waiting {
    @WorkflowMethod
    void waitForever();

    @QueryMethod
    String answer();
  }

  public static class WaitingImpl implements Waiting {
    @Override
    public void waitForever() {
      Workflow.await(() -> false);
    }

    @Override
    public String answer() {
      return "answered";
    }
  }

  @Test
  void aQueryReachesTheNextWorkerAfterTheOneThatRanTheWorkflowDied() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start(0, false)) {
      String id = startOnAWorkerThatDies(server.target());
      assertThat(queryFromANewWorker(server.target(), id)).isEqualTo("answered");
    }
  }

  @Test
  void withStickyExecutionTheTestServerStrandsTheWorkflowOnTheDeadWorker() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start(0, true)) {
      String id = startOnAWorkerThatDies(server.target());
      // The query waits on the dead worker's sticky queue (until the client gives up, a minute).
      CompletableFuture<String> query =
          CompletableFuture.supplyAsync(() -> queryFromANewWorker(server.target(), id));
      assertThatThrownBy(() -> query.get(15, TimeUnit.SECONDS))
          .isInstanceOf(TimeoutException.class);
      query.cancel(true);
    }
  }

  @Test
  void onlyACompletedWorkflowTaskLosesItsStickyQueue() {
    var completed =
        io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest.newBuilder()
            .setStickyAttributes(
                io.temporal.api.taskqueue.v1.StickyExecutionAttributes.newBuilder()
                    .setWorkerTaskQueue(
                        io.temporal.api.taskqueue.v1.TaskQueue.newBuilder().setName("sticky-1")))
            .setIdentity("w1")
            .build();
    var stripped = NonStickyWorkflowTasks.withoutStickyQueue(completed);
    assertThat(stripped.hasStickyAttributes()).isFalse();
    assertThat(stripped.getIdentity()).isEqualTo("w1");
    var poll =
        io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest.newBuilder()
            .setIdentity("w1")
            .build();
    assertThat(NonStickyWorkflowTasks.withoutStickyQueue(poll)).isSameAs(poll);
  }

  /** Starts the workflow on a worker, lets it run its first task, then cuts that worker off. */
  private static String startOnAWorkerThatDies(String target) throws InterruptedException {
    WorkflowServiceStubs stubs = stubs(target);
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    factory.newWorker(QUEUE).registerWorkflowImplementationTypes(WaitingImpl.class);
    factory.start();
    WorkflowClient client = WorkflowClient.newInstance(stubs);
    Waiting waiting =
        client.newWorkflowStub(
            Waiting.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
    String id = WorkflowClient.start(waiting::waitForever).getWorkflowId();
    // A query answered means the worker ran the first task and holds the workflow in its cache.
    assertThat(client.newWorkflowStub(Waiting.class, id).answer()).isEqualTo("answered");
    stubs.shutdownNow();
    factory.shutdownNow();
    return id;
  }

  private static String queryFromANewWorker(String target, String id) {
    WorkflowServiceStubs stubs = stubs(target);
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    factory.newWorker(QUEUE).registerWorkflowImplementationTypes(WaitingImpl.class);
    factory.start();
    try {
      return WorkflowClient.newInstance(stubs).newWorkflowStub(Waiting.class, id).answer();
    } finally {
      factory.shutdownNow();
      stubs.shutdownNow();
    }
  }

  private static WorkflowServiceStubs stubs(String target) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target)
            .setRpcQueryTimeout(Duration.ofSeconds(30))
            .build());
  }
}
