package io.gridshift.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.Notification;
import io.gridshift.workflows.common.NotificationEvent;
import io.gridshift.workflows.common.NotificationWorkflow;
import io.gridshift.workflows.common.NotificationWorkflowImpl;
import io.gridshift.workflows.common.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notifications received by real HTTP receivers on 127.0.0.1. */
class WebhookNotificationTest {
  static final Notification GATE_OPENED =
      new Notification(
          NotificationEvent.GATE_OPENED,
          "infinispan-prod-apps-dg",
          "infinispan",
          "prod",
          "apps",
          "dg",
          "14.0.28.Final",
          "15.0.21.Final",
          "cutover",
          "2030-01-01T10:00:00Z",
          "alice",
          Phase.WAITING_APPROVAL,
          "gate:cutover",
          "check the target, then approve");

  /** A webhook receiver answering the given status codes in turn, then 200. */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final Deque<Integer> answers;

    Receiver(Integer... answers) throws IOException {
      this.answers = new ConcurrentLinkedDeque<>(List.of(answers));
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hook",
          exchange -> {
            bodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Integer code = this.answers.poll();
            byte[] reply = (code == null ? "ok" : "error " + code).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code == null ? 200 : code, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(reply);
            }
          });
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=s3cret");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void theBodyHasSlackTextAndTheStructuredFields() throws Exception {
    Receiver receiver = receiver();
    new WebhookNotificationActivitiesImpl(List.of(receiver.url())).notify(GATE_OPENED);

    assertThat(receiver.bodies).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(receiver.bodies.get(0));
    assertThat(body.path("text").asText())
        .contains("infinispan grid dg (prod/apps)")
        .contains("gate 'cutover' waits for a decision until 2030-01-01T10:00:00Z")
        .contains("requested by alice")
        .contains("gridshift approve infinispan-prod-apps-dg cutover --comment");
    assertThat(body.path("event").asText()).isEqualTo("GATE_OPENED");
    assertThat(body.path("gate").asText()).isEqualTo("cutover");
    assertThat(body.path("deadline").asText()).isEqualTo("2030-01-01T10:00:00Z");
    assertThat(body.path("workflowId").asText()).isEqualTo("infinispan-prod-apps-dg");
    assertThat(body.path("phase").asText()).isEqualTo("WAITING_APPROVAL");
    assertThat(body.path("message").asText()).isEqualTo("check the target, then approve");
  }

  @Test
  void noWebhookReturnsAtOnce() {
    new WebhookNotificationActivitiesImpl(List.of()).notify(GATE_OPENED);
  }

  @Test
  void aWebhookAnswering500TwiceIsRetriedWithoutPostingAgainToTheOthers() throws Exception {
    Receiver flaky = receiver(500, 500);
    Receiver steady = receiver();
    try (TestWorkflowEnvironment env = environment(List.of(flaky.url(), steady.url()))) {
      send(env.getWorkflowClient(), "retried");
    }
    assertThat(flaky.bodies).hasSize(3);
    assertThat(steady.bodies).as("a retry skips the webhooks already reached").hasSize(1);
  }

  @Test
  void aWebhookRefusingTheMessageIsNotRetried() throws Exception {
    Receiver gone = receiver(404, 404, 404);
    try (TestWorkflowEnvironment env = environment(List.of(gone.url()))) {
      WorkflowFailedException e =
          catchThrowableOfType(
              WorkflowFailedException.class, () -> send(env.getWorkflowClient(), "refused"));
      assertThat(e).isNotNull();
      ApplicationFailure failure = (ApplicationFailure) ((ActivityFailure) e.getCause()).getCause();
      assertThat(failure.getType()).isEqualTo(FailureTypes.WEBHOOK_REJECTED);
      assertThat(failure.getOriginalMessage()).contains("404").doesNotContain("s3cret");
    }
    assertThat(gone.bodies).hasSize(1);
  }

  private static void send(WorkflowClient client, String id) {
    NotificationWorkflow wf =
        client.newWorkflowStub(
            NotificationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(NotificationWorkflow.TASK_QUEUE)
                .build());
    wf.send(GATE_OPENED);
  }

  private static TestWorkflowEnvironment environment(List<URI> webhooks) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    var worker = env.newWorker(NotificationWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(NotificationWorkflowImpl.class);
    worker.registerActivitiesImplementations(new WebhookNotificationActivitiesImpl(webhooks));
    env.start();
    return env;
  }

  private Receiver receiver(Integer... answers) throws IOException {
    Receiver r = new Receiver(answers);
    open.add(r);
    return r;
  }
}
