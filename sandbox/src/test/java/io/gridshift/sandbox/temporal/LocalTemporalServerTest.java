package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalTemporalServerTest {

  @WorkflowInterface
  public interface Greeting {
    @WorkflowMethod
    String greet(String name);
  }

  @ActivityInterface
  public interface Shout {
    @ActivityMethod
    String shout(String text);
  }

  public static class GreetingImpl implements Greeting {
    private final Shout shout =
        Workflow.newActivityStub(
            Shout.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String greet(String name) {
      long before = Workflow.currentTimeMillis();
      Workflow.sleep(Duration.ofMillis(500));
      long slept = Workflow.currentTimeMillis() - before;
      return shout.shout("hello " + name) + " after " + slept;
    }
  }

  @Test
  void aTakenPortFailsWithAMessageThatSaysSo() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start(0)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> LocalTemporalServer.start(server.port()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("127.0.0.1:" + server.port());
    }
  }

  @Test
  void runsWorkflowsOnLoopbackWithRealTimers() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start(0)) {
      assertThat(server.target()).startsWith("127.0.0.1:");
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker("q");
        worker.registerWorkflowImplementationTypes(GreetingImpl.class);
        worker.registerActivitiesImplementations((Shout) String::toUpperCase);
        factory.start();

        long start = System.nanoTime();
        String result =
            client
                .newWorkflowStub(
                    Greeting.class,
                    WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId("w1").build())
                .greet("sandbox");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).startsWith("HELLO SANDBOX after ");
        assertThat(Long.parseLong(result.substring("HELLO SANDBOX after ".length())))
            .isGreaterThanOrEqualTo(500);
        assertThat(took)
            .as("no time skipping: the timer takes real time")
            .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        factory.shutdownNow();
      } finally {
        stubs.shutdownNow();
      }
      // Bound to loopback only: another local address of the machine does not answer.
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.2", server.port()), 500);
        throw new AssertionError("the server answers on 127.0.0.2; it should bind 127.0.0.1 only");
      } catch (java.io.IOException expected) {
        // refused
      }
    }
  }
}
