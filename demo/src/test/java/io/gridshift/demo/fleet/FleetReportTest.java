package io.gridshift.demo.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.starter.Json;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report's shape (the fields the issue names) and its verdict: success only when every grid the
 * preflight did not refuse upgraded and nothing was lost.
 */
class FleetReportTest {
  private static final FleetSpec SPEC =
      FleetDemoSpec.build("alice", Instant.parse("2026-12-07T05:34:00Z"));

  @Test
  void theReportHoldsFleetClustersStagesGridsAndBudgetAsTheIssueNamesThem() throws Exception {
    FleetReport report =
        FleetReport.of(FinishedFleet.completed(), SPEC, allKept(), "fleet-shop-schedule", 412.34);

    JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(report));

    assertThat(json.get("fleet").get("id").asText()).isEqualTo("fleet-shop");
    assertThat(json.get("fleet").get("status").asText()).isEqualTo("COMPLETED");
    assertThat(json.get("fleet").get("schedule").asText()).isEqualTo("fleet-shop-schedule");
    assertThat(json.get("clusters")).hasSize(3);
    assertThat(json.get("clusters").get(0).get("agent").asText()).isEqualTo("101@sandbox");
    JsonNode half = json.get("stages").get(1);
    assertThat(half.get("name").asText()).isEqualTo("half");
    assertThat(half.get("grids")).hasSize(3);
    assertThat(half.get("startedAt").asText()).isEqualTo(FinishedFleet.at(62));
    assertThat(half.get("approvals").get(0).get("by").asText()).isEqualTo("demo");
    assertThat(half.get("approvals").get(0).get("action").asText()).isEqualTo("APPROVED");
    JsonNode sessions = grid(json, "sessions");
    for (String field :
        new String[] {
          "cluster",
          "namespace",
          "name",
          "kind",
          "from",
          "to",
          "status",
          "durationMs",
          "missingKeys",
          "lostWrites",
          "agent"
        }) {
      assertThat(sessions.has(field)).as(field).isTrue();
    }
    assertThat(sessions.get("missingKeys").asLong()).isZero();
    assertThat(sessions.get("lostWrites").asLong()).isZero();
    assertThat(sessions.get("clientErrors").asLong()).isEqualTo(4);
    assertThat(sessions.get("agent").asText()).isEqualTo("101@sandbox");
    assertThat(sessions.get("durationMs").asLong()).isEqualTo(60_000);
    assertThat(grid(json, "invoices").get("lostWrites").isNull()).as("no probe there").isTrue();
    assertThat(grid(json, "ledger").get("status").asText()).isEqualTo("REFUSED");
    assertThat(json.get("budget").get("maxFailures").asInt()).isEqualTo(1);
    assertThat(json.get("budget").get("failed").asInt()).as("the refused ledger").isEqualTo(1);
    assertThat(json.get("budget").get("refused").asInt()).isEqualTo(1);
    assertThat(report.success()).isTrue();
  }

  @Test
  void clientErrorsAreReportedNotJudged() {
    assertThat(FleetReport.of(FinishedFleet.completed(), SPEC, allKept(), "s", 1).success())
        .as("4 client errors on each probed grid, nothing lost")
        .isTrue();
  }

  @Test
  void aGridWithAKeyMissingAfterItsUpgradeFailsTheDemo() {
    Map<String, GridCheck> checks = allKept();
    checks.put(
        "us-1/billing/rates", new GridCheck("us-1/billing/rates", 2000, 1L, null, null, null));

    assertThat(FleetReport.of(FinishedFleet.completed(), SPEC, checks, "s", 1).success()).isFalse();
  }

  @Test
  void aLostAcknowledgedWriteFailsTheDemo() {
    Map<String, GridCheck> checks = allKept();
    checks.put("eu-1/shop/carts", new GridCheck("eu-1/shop/carts", 2000, 0L, 3L, 0L, null));

    assertThat(FleetReport.of(FinishedFleet.completed(), SPEC, checks, "s", 1).success()).isFalse();
  }

  @Test
  void keysThatCouldNotBeReadFailTheDemo() {
    Map<String, GridCheck> checks = allKept();
    checks.put(
        "ap-1/shop/prices", new GridCheck("ap-1/shop/prices", 2000, null, null, null, "timeout"));

    assertThat(FleetReport.of(FinishedFleet.completed(), SPEC, checks, "s", 1).success()).isFalse();
  }

  @Test
  void aFailedGridThatWasNotRefusedFailsTheDemoEvenWhenTheFleetCompleted() {
    FleetReport report =
        FleetReport.of(
            FinishedFleet.withGrid("us-1/billing/rates", "FAILED", "COMPLETED"),
            SPEC,
            allKept(),
            "s",
            1);

    assertThat(report.success()).isFalse();
    assertThat(report.budget().failed()).as("the workflow's count: rates and ledger").isEqualTo(2);
  }

  @Test
  void aHaltedFleetFailsTheDemo() {
    FleetReport report =
        FleetReport.of(
            FinishedFleet.withGrid("us-1/billing/rates", "SUCCEEDED", "HALTED"),
            SPEC,
            allKept(),
            "s",
            1);

    assertThat(report.success()).isFalse();
  }

  @Test
  void anEndedFleetReportsItsLastStagesBudgetByTheWorkflowsRule() {
    FleetStatus ended = FinishedFleet.completed();
    FleetStatus noBudget =
        new FleetStatus(
            ended.fleetId(),
            ended.name(),
            ended.phase(),
            ended.message(),
            null,
            ended.versions(),
            ended.stages(),
            ended.grids(),
            ended.agents(),
            null,
            null,
            false,
            null,
            ended.audit());

    FleetReport.Budget budget = FleetReport.of(noBudget, SPEC, allKept(), "s", 1).budget();

    assertThat(budget).isEqualTo(new FleetReport.Budget("rest", 1, 1, 1));
  }

  /** Every grid read back whole; probes on the two eu-1 grids with nothing lost. */
  static Map<String, GridCheck> allKept() {
    Map<String, GridCheck> checks = new HashMap<>();
    for (DemoGridPlan g : FleetLayout.grids()) {
      checks.put(
          g.path(),
          new GridCheck(g.path(), 2000, 0L, g.probed() ? 0L : null, g.probed() ? 4L : null, null));
    }
    return checks;
  }

  private static JsonNode grid(JsonNode report, String name) {
    for (JsonNode g : report.get("grids")) {
      if (g.get("name").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no grid " + name + " in " + report);
  }
}
