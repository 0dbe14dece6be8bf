package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.starter.fleet.FakeFleetWorkflow;
import io.gridshift.starter.fleet.FleetSpecsForTests;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/fleets}: start (JSON or YAML), dry run, list, status, gates, controls, skip/retry,
 * with the upgrades' roles and error bodies, over the real REST service and a stand-in fleet
 * workflow ({@link FakeFleetWorkflow}) on the in-process Temporal.
 */
class FleetResourceTest extends ServerTestSupport {

  @Test
  void startAnswers201AndASecondStartWhileItRunsIs409NamingIt() {
    String id = startFleet("front-start");
    assertThat(id).isEqualTo("fleet-front-start");

    JsonNode again =
        error(post("alice", "/api/fleets", FleetSpecsForTests.json("front-start")), 409);
    assertThat(again.path("message").asText())
        .contains("fleet 'front-start' is already running as workflow fleet-front-start")
        .contains("gridshift fleet abort fleet-front-start");
    abort(id);
  }

  @Test
  void yamlBodyIsReadAndTheCallerIsTheRequester() {
    Response r =
        as("alice", "/api/fleets")
            .post(
                Entity.entity(
                    FleetSpecsForTests.yaml("front-yaml", "requestedBy: mallory"),
                    "application/yaml"));
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("%s", body).isEqualTo(201);
    String id = body.path("workflowId").asText();
    JsonNode status = awaitFleet(id, "gate", s -> s.path("openGate").path("name").isTextual());
    assertThat(status.path("openGate").path("requestedBy").asText()).isEqualTo("alice");
    abort(id);
  }

  @Test
  void dryRunAnswersThePlanWithRefusedGridsAndStartsNothing() {
    Response r = post("alice", "/api/fleets?dryRun=true", FleetSpecsForTests.json("front-plan"));
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("%s", body).isEqualTo(200);
    assertThat(body.path("dryRun").asBoolean()).isTrue();
    assertThat(body.path("workflowId").asText()).startsWith("fleet-front-plan-dry-run-");
    JsonNode plan = body.path("plan");
    assertThat(plan.path("phase").asText()).isEqualTo("PLANNED");
    assertThat(plan.path("stages").get(0).path("grids").toString()).contains("eu/apps/dg1");
    assertThat(plan.path("grids").toString())
        .contains("\"state\":\"REFUSED\"")
        .contains("shutdown hook is not GRACEFUL");
    // The dry run's own id: the fleet itself was never started.
    error(get("bob", "/api/fleets/fleet-front-plan"), 404);
  }

  @Test
  void dryRunOfAFleetThatCannotStartIs422WithThePlan() {
    String spec = FleetSpecsForTests.jsonAllRefused("front-empty");
    JsonNode body = error(post("alice", "/api/fleets?dryRun=true", spec), 422);
    assertThat(body.path("message").asText())
        .contains("ended FAILED")
        .contains("nothing was changed");
    assertThat(body.path("problems").get(0).asText()).contains("every grid was refused");
    assertThat(body.path("plan").path("phase").asText()).isEqualTo("FAILED");
  }

  @Test
  void invalidSpecIs422WithEveryProblem() {
    String spec = "name: Not_A_Label\nstages: 3\nsurprise: true\nchildDefaults: {couchbase: {}}\n";
    JsonNode body = error(post("alice", "/api/fleets", spec), 422);
    assertThat(body.path("problems").toString())
        .contains("childDefaults.couchbase: unknown kind 'couchbase'")
        .contains("unknown field 'surprise'")
        .contains("stages: expected an object, got 3")
        .contains("name 'Not_A_Label' is not a valid fleet name");
    JsonNode malformed = error(post("alice", "/api/fleets", "{\"name\": "), 422);
    assertThat(malformed.path("problems").get(0).asText()).contains("not valid JSON");
  }

  @Test
  void rolesAreTheUpgradesRoles() {
    String id = startFleet("front-roles");
    awaitGate(id);
    // Only a requester starts and steers; only an approver decides; anyone signed in reads.
    error(post("bob", "/api/fleets", FleetSpecsForTests.json("front-roles-2")), 403);
    error(post("bob", "/api/fleets/" + id + "/pause", "{}"), 403);
    error(post("bob", "/api/fleets/" + id + "/grids/eu/apps/dg2/skip", "{}"), 403);
    JsonNode refused =
        error(post("alice", "/api/fleets/" + id + "/gates/canary/approve", "{}"), 403);
    assertThat(refused.path("message").asText()).contains("needs role approver");
    assertThat(get(null, "/api/fleets").getStatus()).isEqualTo(401);
    assertThat(get("bob", "/api/fleets/" + id).getStatus()).isEqualTo(200);
    JsonNode list = json(get("carol", "/api/fleets"));
    assertThat(list.toString()).contains("\"workflowId\":\"" + id + "\"");
    abort(id);
  }

  @Test
  void approveRecordsTheCallerAndAWrongGateIs409() {
    String id = startFleet("front-approve");
    awaitGate(id);
    JsonNode wrong = error(post("bob", "/api/fleets/" + id + "/gates/rest/approve", "{}"), 409);
    assertThat(wrong.path("message").asText()).contains("the open gate is 'canary'");

    Response r =
        post(
            "bob",
            "/api/fleets/" + id + "/gates/canary/approve",
            "{\"comment\": \"go\", \"by\": \"mallory\"}");
    JsonNode entry = json(r);
    assertThat(r.getStatus()).as("%s", entry).isEqualTo(200);
    assertThat(entry.path("action").asText()).isEqualTo("APPROVED");
    assertThat(entry.path("by").asText()).isEqualTo("bob");
    JsonNode status = awaitFleet(id, "running", s -> s.path("phase").asText().equals("RUNNING"));
    assertThat(status.path("stages").get(0).path("approvals").toString())
        .contains("\"by\":\"bob\"")
        .contains("\"comment\":\"go\"")
        .doesNotContain("mallory");
    abort(id);
  }

  @Test
  void fourEyesRefusesTheRequesterWith403() {
    Response started =
        post("admin", "/api/fleets", FleetSpecsForTests.yaml("front-four-eyes", "fourEyes: true"));
    String id = json(started).path("workflowId").asText();
    awaitGate(id);
    JsonNode refused =
        error(post("admin", "/api/fleets/" + id + "/gates/canary/approve", "{}"), 403);
    assertThat(refused.path("message").asText()).contains("four-eyes").contains("admin");
    Response ok = post("carol", "/api/fleets/" + id + "/gates/canary/reject", "{}");
    assertThat(ok.getStatus()).isEqualTo(200);
    ok.close();
  }

  @Test
  void pauseResumeSkipRetryAndAbortWithTheFleetsRefusalsAndThenItHasEnded() {
    String id = startFleet("front-controls");
    awaitGate(id);
    assertThat(control(id, "pause", "{\"comment\": \"lunch\"}").path("action").asText())
        .isEqualTo("PAUSED");
    assertThat(
            error(post("alice", "/api/fleets/" + id + "/pause", "{}"), 409)
                .path("message")
                .asText())
        .contains("already paused");
    assertThat(control(id, "resume", "{}").path("action").asText()).isEqualTo("RESUMED");

    JsonNode skipped = control(id, "grids/eu/apps/dg2/skip", "{\"comment\": \"not this week\"}");
    assertThat(skipped.path("comment").asText()).isEqualTo("not this week");
    JsonNode status = json(get("bob", "/api/fleets/" + id));
    assertThat(grid(status, "eu/apps/dg2").path("state").asText()).isEqualTo("SKIPPED");
    control(id, "grids/eu/apps/dg2/retry", "{}");
    JsonNode pending =
        error(post("alice", "/api/fleets/" + id + "/grids/eu/apps/dg1/retry", "{}"), 409);
    assertThat(pending.path("message").asText()).contains("eu/apps/dg1 is PENDING");
    JsonNode unknown =
        error(post("alice", "/api/fleets/" + id + "/grids/eu/apps/nope/skip", "{}"), 409);
    assertThat(unknown.path("message").asText()).contains("no grid 'eu/apps/nope'");

    assertThat(control(id, "abort", "{}").path("action").asText()).isEqualTo("ABORT_REQUESTED");
    awaitFleet(id, "aborted", s -> s.path("phase").asText().equals("ABORTED"));
    JsonNode ended = error(post("alice", "/api/fleets/" + id + "/resume", "{}"), 409);
    assertThat(ended.path("message").asText()).contains("fleet " + id + " has ended");
  }

  @Test
  void unknownFleetIs404Everywhere() {
    String path = "/api/fleets/fleet-nowhere";
    assertThat(error(get("bob", path), 404).path("message").asText()).contains("fleet-nowhere");
    error(post("bob", path + "/gates/canary/approve", "{}"), 404);
    error(post("bob", path + "/gates/canary/reject", "{}"), 404);
    error(post("alice", path + "/pause", "{}"), 404);
    error(post("alice", path + "/resume", "{}"), 404);
    error(post("alice", path + "/abort", "{}"), 404);
    error(post("alice", path + "/grids/eu/apps/dg1/skip", "{}"), 404);
    error(post("alice", path + "/grids/eu/apps/dg1/retry", "{}"), 404);
  }

  @Test
  void listShowsRunningFleetsWithTheirGateAndCounts() {
    String id = startFleet("front-list");
    awaitGate(id);
    JsonNode list = json(get("bob", "/api/fleets"));
    JsonNode fleet = null;
    for (JsonNode f : list) {
      if (f.path("workflowId").asText().equals(id)) {
        fleet = f;
      }
    }
    assertThat(fleet).as("%s in %s", id, list).isNotNull();
    assertThat(fleet.path("name").asText()).isEqualTo("front-list");
    assertThat(fleet.path("status").asText()).isEqualTo("RUNNING");
    assertThat(fleet.path("phase").asText()).isEqualTo("WAITING_APPROVAL");
    assertThat(fleet.path("openGate").asText()).isEqualTo("canary");
    assertThat(fleet.path("grids").asInt()).isEqualTo(3);
    abort(id);
  }

  private static String startFleet(String name) {
    Response r = post("alice", "/api/fleets", FleetSpecsForTests.json(name));
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("start answered %s", body).isEqualTo(201);
    assertThat(r.getLocation().getPath())
        .isEqualTo("/api/fleets/" + body.path("workflowId").asText());
    return body.path("workflowId").asText();
  }

  private static JsonNode control(String id, String action, String body) {
    Response r = post("alice", "/api/fleets/" + id + "/" + action, body);
    JsonNode entry = json(r);
    assertThat(r.getStatus()).as("%s answered %s", action, entry).isEqualTo(200);
    assertThat(entry.path("by").asText()).isEqualTo("alice");
    return entry;
  }

  private static void abort(String id) {
    post("alice", "/api/fleets/" + id + "/abort", "{}").close();
  }

  private static JsonNode awaitGate(String id) {
    return awaitFleet(
        id, "gate canary", s -> "canary".equals(s.path("openGate").path("name").asText()));
  }

  private static JsonNode grid(JsonNode status, String path) {
    for (JsonNode g : status.path("grids")) {
      if ((g.path("cluster").asText()
              + "/"
              + g.path("namespace").asText()
              + "/"
              + g.path("name").asText())
          .equals(path)) {
        return g;
      }
    }
    throw new AssertionError("no grid " + path + " in " + status);
  }

  static JsonNode awaitFleet(String id, String what, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      Response r = get("bob", "/api/fleets/" + id);
      if (r.getStatus() == 200) {
        status = json(r);
        if (condition.test(status)) {
          return status;
        }
      } else {
        r.close();
      }
      sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what + " of " + id + "; last: " + status);
  }
}
