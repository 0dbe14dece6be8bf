package io.gridshift.sandbox.temporal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UI server's HTTP API as the Temporal UI calls it, against a real {@link LocalTemporalServer}
 * on ephemeral ports: start, list with a query, count grouped by status, describe, history (and a
 * long poll that returns), signal, query, terminate, schedules, settings, CSRF, errors, and the
 * static pages.
 */
class UiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "ui-test";
  private static final Duration LONG_POLL = Duration.ofSeconds(2);

  @WorkflowInterface
  public interface Gate {
    @WorkflowMethod(name = "UiTestGate")
    String run(String name);

    @SignalMethod(name = "approve")
    void approve(String who);

    @QueryMethod(name = "approver")
    String approver();
  }

  public static class GateImpl implements Gate {
    private String approver;

    @Override
    public String run(String name) {
      Workflow.await(() -> approver != null);
      return name + " approved by " + approver;
    }

    @Override
    public void approve(String who) {
      approver = who;
    }

    @Override
    public String approver() {
      return approver == null ? "nobody" : approver;
    }
  }

  private static LocalTemporalServer temporal;
  private static UiServer ui;
  private static WorkflowServiceStubs stubs;
  private static WorkerFactory workers;
  private static HttpClient http;
  private static String csrfToken = "";

  @BeforeAll
  static void start() throws Exception {
    temporal = LocalTemporalServer.start(0);
    ui = UiServer.start(0, temporal.target(), "http://127.0.0.1:1/codec", LONG_POLL);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    operator
        .blockingStub()
        .addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace("default")
                .putSearchAttributes("GridshiftKind", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    workers = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    Worker worker = workers.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(GateImpl.class);
    workers.start();
    http = HttpClient.newHttpClient();
    // The first GET gives the CSRF cookie, as the UI's first page load does.
    csrfToken =
        send("GET", "/api/v1/settings", null, false)
            .headers()
            .firstValue("Set-Cookie")
            .map(c -> c.substring("_csrf=".length(), c.indexOf(';')))
            .orElseThrow();
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.shutdownNow();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (ui != null) {
      ui.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void startListCountDescribeSignalQueryHistoryAndTerminateAsTheUiDoes() throws Exception {
    String id = "ui-" + UUID.randomUUID();
    String other = "ui-other-" + UUID.randomUUID();
    JsonNode started =
        post(
            "/api/v1/namespaces/default/workflows/" + id,
            startBody(id, "cache-a", "Infinispan"),
            200);
    assertThat(started.path("runId").asText()).isNotEmpty();
    post(
        "/api/v1/namespaces/default/workflows/" + other,
        startBody(other, "cache-b", "Hazelcast"),
        200);

    String query =
        "WorkflowType = 'UiTestGate' AND GridshiftKind = 'Infinispan' AND ExecutionStatus = 'Running'";
    JsonNode listed = get("/api/v1/namespaces/default/workflows?query=" + encode(query));
    assertThat(listed.path("executions")).hasSize(1);
    JsonNode execution = listed.path("executions").get(0);
    assertThat(execution.path("execution").path("workflowId").asText()).isEqualTo(id);
    assertThat(execution.path("status").asText()).isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
    assertThat(execution.path("taskQueue").asText()).isEqualTo(QUEUE);
    assertThat(execution.path("searchAttributes").path("indexedFields").has("GridshiftKind"))
        .isTrue();

    JsonNode count =
        get(
            "/api/v1/namespaces/default/workflow-count?query="
                + encode("WorkflowType = 'UiTestGate' GROUP BY ExecutionStatus"));
    assertThat(count.path("count").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(count.path("groups").get(0).path("groupValues").get(0).path("data").asText())
        .isEqualTo(base64("\"Running\""));

    JsonNode described = get("/api/v1/namespaces/default/workflows/" + id);
    assertThat(described.path("workflowExecutionInfo").path("type").path("name").asText())
        .isEqualTo("UiTestGate");

    post(
        "/api/v1/namespaces/default/workflows/" + id + "/signal/approve",
        "{\"input\": {\"payloads\": [" + jsonPayload("\"alice\"") + "]}}",
        200);
    JsonNode queried =
        post(
            "/api/v1/namespaces/default/workflows/" + id + "/query/approver",
            "{\"query\": {\"queryType\": \"approver\"}}",
            200);
    assertThat(decode(queried.path("queryResult").path("payloads").get(0).path("data").asText()))
        .isEqualTo("\"alice\"");

    JsonNode history = awaitClosedHistory(id);
    assertThat(history.toString()).contains("WORKFLOW_EXECUTION_COMPLETED");
    JsonNode completed =
        get(
            "/api/v1/namespaces/default/workflows?query="
                + encode("WorkflowId = '" + id + "' AND ExecutionStatus = 'Completed'"));
    assertThat(completed.path("executions")).hasSize(1);

    post(
        "/api/v1/namespaces/default/workflows/" + other + "/terminate",
        "{\"reason\": \"test\"}",
        200);
    JsonNode terminated = get("/api/v1/namespaces/default/workflows/" + other);
    assertThat(terminated.path("workflowExecutionInfo").path("status").asText())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_TERMINATED");
  }

  @Test
  void aHistoryLongPollOnAQuietWorkflowEndsWithNoNewEventsAndHoldsNoOtherRequest()
      throws Exception {
    String id = "ui-quiet-" + UUID.randomUUID();
    post("/api/v1/namespaces/default/workflows/" + id, startBody(id, "quiet", "Infinispan"), 200);
    String history = "/api/v1/namespaces/default/workflows/" + id + "/history";
    int events = get(history).path("history").path("events").size();
    String[] polled = new String[1];
    long start = System.nanoTime();
    Thread poll =
        new Thread(
            () -> {
              try {
                // After the last event: only a new one would end the poll before its bound.
                polled[0] =
                    get(history
                            + "?waitNewEvent=true&maximumPageSize="
                            + events
                            + "&skipArchival=true")
                        .toString();
              } catch (Exception e) {
                polled[0] = e.toString();
              }
            });
    poll.start();
    Thread.sleep(200);
    long before = System.nanoTime();
    assertThat(
            get("/api/v1/namespaces/default/workflows/" + id)
                .path("workflowExecutionInfo")
                .isObject())
        .isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
    poll.join(LONG_POLL.plusSeconds(10).toMillis());
    assertThat(poll.isAlive()).as("the long poll ended").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LONG_POLL.plusSeconds(5));
    assertThat(polled[0]).doesNotContain("Exception");
    post("/api/v1/namespaces/default/workflows/" + id + "/terminate", "{}", 200);
  }

  /**
   * The UI opens a closed workflow's history with {@code waitNewEvent=true} and reads {@code
   * history.events} at once: it must get the events, at once, and an {@code events} list always.
   */
  @Test
  void aClosedWorkflowsHistoryLongPollAnswersItsEventsAtOnce() throws Exception {
    String id = "ui-closed-" + UUID.randomUUID();
    post("/api/v1/namespaces/default/workflows/" + id, startBody(id, "closed", "Infinispan"), 200);
    post("/api/v1/namespaces/default/workflows/" + id + "/terminate", "{}", 200);
    String history = "/api/v1/namespaces/default/workflows/" + id + "/history";
    long start = System.nanoTime();

    JsonNode polled = get(history + "?waitNewEvent=true");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(polled.path("history").path("events").isArray()).as(polled.toString()).isTrue();
    assertThat(polled.path("history").path("events").get(0).path("eventType").asText())
        .isEqualTo("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
  }

  @Test
  void schedulesAreListedAndSettingsReportTheCodec() throws Exception {
    ScheduleClient schedules = ScheduleClient.newInstance(stubs);
    String scheduleId = "ui-schedule-" + UUID.randomUUID();
    schedules.createSchedule(
        scheduleId,
        Schedule.newBuilder()
            .setAction(
                ScheduleActionStartWorkflow.newBuilder()
                    .setWorkflowType(Gate.class)
                    .setArguments("scheduled")
                    .setOptions(
                        WorkflowOptions.newBuilder()
                            .setWorkflowId("scheduled-" + scheduleId)
                            .setTaskQueue(QUEUE)
                            .build())
                    .build())
            .setSpec(
                ScheduleSpec.newBuilder()
                    .setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofDays(1))))
                    .build())
            .build(),
        ScheduleOptions.newBuilder().build());
    JsonNode listed = get("/api/v1/namespaces/default/schedules");
    assertThat(listed.path("schedules").findValuesAsText("scheduleId")).contains(scheduleId);
    schedules.getHandle(scheduleId).delete();

    JsonNode settings = get("/api/v1/settings");
    assertThat(settings.path("DefaultNamespace").asText()).isEqualTo("default");
    assertThat(settings.path("Codec").path("Endpoint").asText())
        .isEqualTo("http://127.0.0.1:1/codec");
    assertThat(settings.path("Codec").path("PassAccessToken").asBoolean(true)).isFalse();
    assertThat(settings.path("Codec").path("IncludeCredentials").asBoolean()).isTrue();
    assertThat(settings.path("Auth").path("Enabled").asBoolean(true)).isFalse();
    assertThat(
            get("/api/v1/namespaces")
                .path("namespaces")
                .get(0)
                .path("namespaceInfo")
                .path("name")
                .asText())
        .isEqualTo("default");
    assertThat(get("/api/v1/cluster-info").path("visibilityStore").asText())
        .contains("elasticsearch");
    assertThat(
            get("/api/v1/namespaces/default/search-attributes")
                .path("customAttributes")
                .has("GridshiftKind"))
        .isTrue();
  }

  @Test
  void errorsComeBackAsGrpcGatewayWritesThem() throws Exception {
    HttpResponse<String> bad =
        send(
            "GET",
            "/api/v1/namespaces/default/workflows?query=" + encode("NoSuchAttribute = 'x'"),
            null,
            true);
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(bad.body());
    assertThat(error.path("code").asInt()).isEqualTo(3);
    assertThat(error.path("message").asText())
        .contains("NoSuchAttribute")
        .contains("not a valid search attribute");

    HttpResponse<String> missing =
        send("GET", "/api/v1/namespaces/default/workflows/no-such-workflow", null, true);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("code").asInt()).isEqualTo(5);

    assertThat(send("GET", "/api/v1/no/such/route", null, true).statusCode()).isEqualTo(404);
    // A write without the CSRF header is refused before anything is called.
    String id = "ui-csrf-" + UUID.randomUUID();
    HttpResponse<String> forged =
        send(
            "POST",
            "/api/v1/namespaces/default/workflows/" + id,
            startBody(id, "x", "Infinispan"),
            false);
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(send("GET", "/api/v1/namespaces/default/workflows/" + id, null, true).statusCode())
        .isEqualTo(404);
  }

  @Test
  void unknownPagesGetTheIndexOrTheMissingBuildPage() throws Exception {
    HttpResponse<String> page = send("GET", "/namespaces/default/workflows", null, true);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    if (!ui.hasUiBuild()) {
      assertThat(page.body()).contains("The Temporal UI build is missing");
    } else {
      assertThat(page.body()).contains("<html");
    }
  }

  private static JsonNode awaitClosedHistory(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode history;
    do {
      history = get("/api/v1/namespaces/default/workflows/" + id + "/history");
      if (history.toString().contains("WORKFLOW_EXECUTION_COMPLETED")) {
        return history;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return history;
  }

  /** A start as the Temporal UI's form sends it: no request id (the gateway makes one up). */
  private static String startBody(String id, String name, String kind) {
    return """
        {"workflowId": "%s", "workflowType": {"name": "UiTestGate"},
         "taskQueue": {"name": "%s"},
         "input": {"payloads": [%s]},
         "searchAttributes": {"indexedFields": {"GridshiftKind": %s}}}
        """
        .formatted(id, QUEUE, jsonPayload("\"" + name + "\""), jsonPayload("\"" + kind + "\""));
  }

  private static String jsonPayload(String json) {
    return "{\"metadata\": {\"encoding\": \""
        + base64("json/plain")
        + "\"}, \"data\": \""
        + base64(json)
        + "\"}";
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null, true);
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode post(String path, String body, int status) throws Exception {
    HttpResponse<String> r = send("POST", path, body, true);
    assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> send(String verb, String path, String body, boolean csrf)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(ui.address() + path))
            .timeout(Duration.ofSeconds(40))
            .method(
                verb,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    // The browser sends the cookie with every request; the UI echoes it in a header on writes.
    if (!csrfToken.isEmpty()) {
      b.header("Cookie", "_csrf=" + csrfToken);
    }
    if (csrf) {
      b.header("X-CSRF-Token", csrfToken);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
