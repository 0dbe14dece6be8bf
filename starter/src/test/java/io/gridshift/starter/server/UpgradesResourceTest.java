package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code POST /api/upgrades} (start, dry run, conflicts, invalid requests) and the listing. */
class UpgradesResourceTest extends ServerTestSupport {

  @Test
  void startAnswers201AndRecordsTheCallerAsRequester() {
    // The body names someone else: the authenticated caller wins.
    Response r =
        post("alice", "/api/upgrades", infinispan("dg-start", ", \"requestedBy\": \"mallory\""));
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("%s", body).isEqualTo(201);
    String id = body.path("workflowId").asText();
    assertThat(id).isEqualTo("infinispan-upgrade-ispn-apps-dg-start");
    assertThat(body.path("kind").asText()).isEqualTo("infinispan");
    assertThat(body.path("url").asText()).isEqualTo("/api/upgrades/" + id);
    assertThat(r.getLocation().getPath()).isEqualTo("/api/upgrades/" + id);

    JsonNode status = awaitGate(id, "switch-traffic");
    assertThat(status.path("openGate").path("requestedBy").asText()).isEqualTo("alice");
    assertThat(status.path("workflowId").asText()).isEqualTo(id);
    // What the Temporal UI shows as the execution's summary.
    assertThat(
            FakeTemporal.shared()
                .env
                .getWorkflowClient()
                .newUntypedWorkflowStub(id)
                .describe()
                .getStaticSummary())
        .isEqualTo(
            "infinispan dg-start in "
                + FakeTemporal.ISPN_CLUSTER
                + "/apps to 15.0.21.Final,"
                + " requested by alice");
  }

  @Test
  void hazelcastRequestsStartToo() {
    String id = start("alice", hazelcast("hz-start"));
    assertThat(id).isEqualTo("hazelcast-upgrade-hzc-apps-hz-start");
    awaitStatus(id, "completion", s -> s.path("phase").asText().equals("COMPLETED"));
  }

  @Test
  void secondStartOfTheSameGridIs409() {
    String id = start("alice", infinispan("dg-twice", ""));
    Response again = post("admin", "/api/upgrades", infinispan("dg-twice", ""));
    JsonNode body = error(again, 409);
    assertThat(body.path("message").asText()).contains("already running").contains(id);
  }

  @Test
  void dryRunAnswers200WithThePlanAndLeavesTheGridFree() {
    Response r = post("alice", "/api/upgrades?dryRun=true", infinispan("dg-plan", ""));
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("%s", body).isEqualTo(200);
    assertThat(body.path("dryRun").asBoolean()).isTrue();
    assertThat(body.path("workflowId").asText())
        .startsWith("infinispan-upgrade-ispn-apps-dg-plan-dry-run-");
    JsonNode plan = body.path("plan");
    assertThat(plan.path("phase").asText()).isEqualTo("PLANNED");
    assertThat(plan.path("details").path("plan").path("targetGrid").asText())
        .isEqualTo("dg-plan-15-0-21");
    assertThat(plan.path("steps").isArray()).isTrue();
    // The dry run did not take the grid's workflow id: the real upgrade can start.
    start("alice", infinispan("dg-plan", ""));
  }

  @Test
  void hazelcastDryRunWithPreflightViolationsIs422WithEveryViolation() {
    Response r = post("alice", "/api/upgrades?dryRun=true", hazelcast("unsafe-plan"));
    JsonNode body = error(r, 422);
    assertThat(problems(body))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("[shutdown-hook-policy]").contains("GRACEFUL"))
        .anySatisfy(p -> assertThat(p).startsWith("[graceful-shutdown-max-wait]").contains("900"));
    assertThat(body.path("message").asText())
        .contains("refused the upgrade (2 problems")
        .contains("nothing was changed");
    assertThat(body.path("dryRun").asBoolean()).isTrue();
    assertThat(body.path("workflowId").asText()).contains("unsafe-plan-dry-run-");
    assertThat(body.path("plan").path("details").path("plan").path("violations")).hasSize(2);
  }

  @Test
  void dryRunOfADowngradeIs422WithTheReason() {
    String downgrade = infinispan("dg-down", "").replace("15.0.21.Final", "13.0.10.Final");
    JsonNode body = error(post("alice", "/api/upgrades?dryRun=true", downgrade), 422);
    assertThat(problems(body))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("not newer than the running 14.0.28.Final"));
    assertThat(body.path("plan").path("phase").asText()).isEqualTo("FAILED");
  }

  @Test
  void invalidRequestIs422WithEveryProblem() {
    Response r =
        post(
            "alice",
            "/api/upgrades",
            """
            {"kind": "infinispan", "cluster": {"cluster": "Not A Label"},
             "targetVersion": "fifteen", "port": 0}
            """);
    JsonNode body = error(r, 422);
    List<String> problems = new ArrayList<>();
    body.path("problems").forEach(p -> problems.add(p.asText()));
    assertThat(problems)
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).contains("cluster.cluster"))
        .anySatisfy(p -> assertThat(p).contains("grid is required"))
        .anySatisfy(p -> assertThat(p).contains("targetVersion 'fifteen'"))
        .anySatisfy(p -> assertThat(p).contains("port 0"));
    assertThat(body.path("message").asText()).contains("4 problems");
  }

  @Test
  void wrongTypesAndUnknownFieldsAre422WithEveryProblemInTheRequestsTerms() {
    String body =
        """
        {"kind": "hazelcast", "cluster": {"cluster": "hzc", "region": "eu"}, "grid": "hz",
         "targetVersion": "5.3.8", "port": "http", "canary": "maybe", "edition": "gold",
         "by": "mallory"}
        """;
    List<String> problems = problems(error(post("alice", "/api/upgrades", body), 422));
    assertThat(problems)
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).startsWith("unknown field 'cluster.region'"))
        .anySatisfy(p -> assertThat(p).isEqualTo("port: expected a whole number, got \"http\""))
        .anySatisfy(p -> assertThat(p).isEqualTo("canary: expected true or false, got \"maybe\""))
        .anySatisfy(p -> assertThat(p).startsWith("edition: expected one of ["))
        .anySatisfy(p -> assertThat(p).startsWith("unknown field 'by'; the fields of the request"))
        .noneSatisfy(p -> assertThat(p).containsAnyOf("java.", "`", "deserialize"));
  }

  @Test
  void malformedJsonUnknownKindAndEmptyBodyAre422() {
    assertThat(
            error(post("alice", "/api/upgrades", "{\"grid\": "), 422)
                .path("problems")
                .get(0)
                .asText())
        .contains("not valid JSON");
    assertThat(
            error(post("alice", "/api/upgrades", "{\"kind\": \"redis\"}"), 422)
                .path("problems")
                .get(0)
                .asText())
        .contains("unknown kind 'redis'");
    assertThat(error(post("alice", "/api/upgrades", ""), 422).path("problems").get(0).asText())
        .contains("JSON object");
  }

  @Test
  void listFiltersByGridClusterAndStatus() {
    String running = start("alice", infinispan("dg-list", ""));
    String done = start("alice", hazelcast("hz-list"));
    post("alice", "/api/upgrades?dryRun=true", infinispan("dg-list-plan", "")).close();
    awaitGate(running, "switch-traffic");
    awaitStatus(done, "completion", s -> s.path("phase").asText().equals("COMPLETED"));

    JsonNode one = list("?grid=dg-list");
    assertThat(one).hasSize(1);
    JsonNode summary = one.get(0);
    assertThat(summary.path("workflowId").asText()).isEqualTo(running);
    assertThat(summary.path("kind").asText()).isEqualTo("infinispan");
    assertThat(summary.path("cluster").asText()).isEqualTo("ispn");
    assertThat(summary.path("namespace").asText()).isEqualTo("apps");
    assertThat(summary.path("status").asText()).isEqualTo("RUNNING");
    assertThat(summary.path("openGate").asText()).isEqualTo("switch-traffic");
    assertThat(summary.path("currentStep").asText()).isNotBlank();
    assertThat(summary.path("startedAt").asText()).isNotBlank();
    assertThat(summary.path("closedAt").isNull()).isTrue();

    JsonNode completed = list("?status=completed&cluster=hzc");
    assertThat(ids(completed)).contains(done).doesNotContain(running);
    assertThat(completed.get(ids(completed).indexOf(done)).path("closedAt").asText()).isNotBlank();
    assertThat(ids(list("?status=RUNNING"))).contains(running).doesNotContain(done);
    assertThat(ids(list("?namespace=apps"))).contains(running, done);
    assertThat(list("?cluster=nowhere")).isEmpty();
    // Dry runs are listed too, marked as such.
    JsonNode plans = list("?grid=dg-list-plan");
    assertThat(plans).hasSize(1);
    assertThat(plans.get(0).path("dryRun").asBoolean()).isTrue();
    assertThat(plans.get(0).path("status").asText()).isEqualTo("COMPLETED");
    assertThat(summary.path("dryRun").asBoolean()).isFalse();
    assertThat(summary.path("phase").asText()).isEqualTo("WAITING_APPROVAL");
  }

  @Test
  void aDryRunNoWorkerServesIsListedInPlanningAndTheTimeoutNamesTheTaskQueue() {
    String request = infinispan("dg-orphan", "").replace(FakeTemporal.ISPN_CLUSTER, "nowhere");
    CompletableFuture<Response> dryRun =
        CompletableFuture.supplyAsync(() -> post("alice", "/api/upgrades?dryRun=true", request));

    JsonNode planning = awaitListed("?cluster=nowhere&grid=dg-orphan");
    assertThat(planning.path("workflowId").asText()).contains("dg-orphan-dry-run-");
    assertThat(planning.path("dryRun").asBoolean()).isTrue();
    assertThat(planning.path("status").asText()).isEqualTo("RUNNING");
    assertThat(planning.path("phase").asText()).isEqualTo("PLANNING");

    JsonNode timeout = error(dryRun.join(), 504);
    assertThat(timeout.path("message").asText())
        .contains("task queue gridshift-cluster-nowhere")
        .contains(planning.path("workflowId").asText())
        .contains("gridshift list");
  }

  /** Polls the listing until exactly one upgrade matches {@code query}; returns it. */
  private static JsonNode awaitListed(String query) {
    for (int i = 0; i < 200; i++) {
      JsonNode found = list(query);
      if (found.size() == 1 && !found.get(0).path("phase").isNull()) {
        return found.get(0);
      }
      sleep(50);
    }
    throw new AssertionError("nothing listed for " + query);
  }

  @Test
  void listWithUnknownStatusIs422() {
    JsonNode body = error(get("bob", "/api/upgrades?status=SLEEPING"), 422);
    assertThat(body.path("problems").get(0).asText()).contains("SLEEPING").contains("RUNNING");
  }

  private static JsonNode list(String query) {
    Response r = get("bob", "/api/upgrades" + query);
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("%s", body).isEqualTo(200);
    assertThat(body.isArray()).isTrue();
    return body;
  }

  private static List<String> problems(JsonNode body) {
    List<String> problems = new ArrayList<>();
    body.path("problems").forEach(p -> problems.add(p.asText()));
    return problems;
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(s -> ids.add(s.path("workflowId").asText()));
    return ids;
  }
}
