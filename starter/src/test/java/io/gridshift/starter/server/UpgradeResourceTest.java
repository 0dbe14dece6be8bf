package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** {@code /api/upgrades/{id}}: status, gate decisions, pause, resume, abort, and their errors. */
class UpgradeResourceTest extends ServerTestSupport {

  @Test
  void approveRecordsTheCallerNotTheBodyAndTheUpgradeMovesOn() {
    String id = start("alice", infinispan("dg-approve", ""));
    awaitGate(id, "switch-traffic");

    Response r =
        post(
            "bob",
            "/api/upgrades/" + id + "/gates/switch-traffic/approve",
            "{\"comment\": \"traffic is quiet\", \"by\": \"mallory\"}");
    JsonNode entry = json(r);
    assertThat(r.getStatus()).as("%s", entry).isEqualTo(200);
    assertThat(entry.path("action").asText()).isEqualTo("APPROVED");
    assertThat(entry.path("by").asText()).isEqualTo("bob");
    assertThat(entry.path("gate").asText()).isEqualTo("switch-traffic");
    assertThat(entry.path("comment").asText()).isEqualTo("traffic is quiet");

    JsonNode status = awaitGate(id, "cutover");
    assertThat(status.path("audit").toString())
        .contains("\"by\":\"bob\"")
        .doesNotContain("mallory");

    // The gate is closed now: approving it again is a conflict, and so is a gate not open yet.
    JsonNode again =
        error(post("carol", "/api/upgrades/" + id + "/gates/switch-traffic/approve", "{}"), 409);
    assertThat(again.path("message").asText()).contains("switch-traffic").contains("cutover");
    error(post("bob", "/api/upgrades/" + id + "/gates/delete-source/approve", "{}"), 409);
  }

  @Test
  void rejectStopsTheUpgrade() {
    String id = start("alice", infinispan("dg-reject", ""));
    awaitGate(id, "switch-traffic");
    Response r =
        post(
            "carol",
            "/api/upgrades/" + id + "/gates/switch-traffic/reject",
            "{\"comment\":\"no\"}");
    JsonNode entry = json(r);
    assertThat(r.getStatus()).as("%s", entry).isEqualTo(200);
    assertThat(entry.path("action").asText()).isEqualTo("REJECTED");
    assertThat(entry.path("by").asText()).isEqualTo("carol");
    awaitStatus(id, "the end", s -> s.path("openGate").isNull() && isEnded(s));
    // Nothing can be decided on an ended upgrade.
    JsonNode ended = error(post("alice", "/api/upgrades/" + id + "/pause", "{}"), 409);
    assertThat(ended.path("message").asText()).contains("has ended");
  }

  @Test
  void fourEyesRefusesTheRequesterWith403AndAcceptsAnotherApprover() {
    String id = start("admin", infinispan("dg-four-eyes", ", \"fourEyes\": true"));
    awaitGate(id, "switch-traffic");
    JsonNode refused =
        error(post("admin", "/api/upgrades/" + id + "/gates/switch-traffic/approve", "{}"), 403);
    assertThat(refused.path("message").asText()).contains("four-eyes").contains("admin");
    Response ok = post("bob", "/api/upgrades/" + id + "/gates/switch-traffic/approve", "{}");
    assertThat(ok.getStatus()).isEqualTo(200);
    ok.close();
  }

  @Test
  void unknownIdIs404Everywhere() {
    String path = "/api/upgrades/infinispan-upgrade-nowhere";
    assertThat(error(get("bob", path), 404).path("message").asText())
        .contains("infinispan-upgrade-nowhere");
    error(post("bob", path + "/gates/cutover/approve", "{}"), 404);
    error(post("bob", path + "/gates/cutover/reject", "{}"), 404);
    error(post("alice", path + "/pause", "{}"), 404);
    error(post("alice", path + "/resume", "{}"), 404);
    error(post("alice", path + "/abort", "{}"), 404);
  }

  @Test
  void pauseResumeAbortAnswer200WithTheAuditEntryOfTheCaller() {
    String id = start("alice", infinispan("dg-control", ""));
    awaitGate(id, "switch-traffic");

    assertThat(control("pause", id, "{\"comment\": \"lunch\"}").path("action").asText())
        .isEqualTo("PAUSED");
    assertThat(control("resume", id, null).path("action").asText()).isEqualTo("RESUMED");
    JsonNode abort = control("abort", id, "{\"comment\": \"not today\", \"by\": \"mallory\"}");
    assertThat(abort.path("action").asText()).isEqualTo("ABORT_REQUESTED");
    assertThat(abort.path("comment").asText()).isEqualTo("not today");
    JsonNode status = awaitStatus(id, "aborted", UpgradeResourceTest::isEnded);

    assertThat(status.path("audit").toString())
        .contains("\"action\":\"PAUSED\",\"by\":\"alice\",\"comment\":\"lunch\"")
        .contains("\"action\":\"RESUMED\",\"by\":\"alice\"")
        .contains("\"action\":\"ABORT_REQUESTED\",\"by\":\"alice\",\"comment\":\"not today\"")
        .doesNotContain("mallory");
  }

  @Test
  void refusedResumeAndPauseAre409WithTheWorkflowsReason() {
    String id = start("alice", infinispan("dg-refused", ""));
    awaitGate(id, "switch-traffic");

    JsonNode resume = error(post("alice", "/api/upgrades/" + id + "/resume", "{}"), 409);
    assertThat(resume.path("message").asText()).contains("the upgrade is not paused");
    control("pause", id, "{}");
    JsonNode pause = error(post("alice", "/api/upgrades/" + id + "/pause", "{}"), 409);
    assertThat(pause.path("message").asText()).contains("already paused");
    control("abort", id, "{}");
  }

  /** Sends {@code action} as alice; asserts 200 and the caller in the entry; returns the entry. */
  private static JsonNode control(String action, String id, String body) {
    Response r =
        body == null
            ? as("alice", "/api/upgrades/" + id + "/" + action)
                .post(jakarta.ws.rs.client.Entity.json(""))
            : post("alice", "/api/upgrades/" + id + "/" + action, body);
    JsonNode entry = json(r);
    assertThat(r.getStatus()).as("%s answered %s", action, entry).isEqualTo(200);
    assertThat(entry.path("by").asText()).isEqualTo("alice");
    return entry;
  }

  private static boolean isEnded(JsonNode status) {
    String phase = status.path("phase").asText();
    return phase.equals("ABORTED") || phase.equals("FAILED") || phase.equals("COMPLETED");
  }
}
