package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stage's bake re-checks its upgraded grids' health through their agents ({@code Bake.CHECKS}
 * discovery calls over the bake time); a grid the agent reports not ready fails and counts against
 * the budget.
 */
class FleetBakeTest extends FleetTestSupport {
  private static final StageSpec REST = stage("rest", null, 2, null);

  private static StageSpec canary(String maxFailures) {
    return new StageSpec("canary", null, 1, null, 1, null, maxFailures, "30m", null);
  }

  @Test
  void theBakeWaitsAndRechecksHealthBeforeTheNextStage() {
    FleetStatus done =
        startFleet(spec("bake", List.of("eu-1"), List.of(canary("0"), REST), false))
            .getResult(FleetStatus.class);

    assertThat(done.phase()).as(done.message()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(discoveries.get("eu-1").get()).isEqualTo(1 + 3); // the plan's, then 3 checks
    Instant canaryGridEnded = Instant.parse(grid(done, "eu-1/apps/a").endedAt());
    Instant canaryEnded = Instant.parse(done.stages().get(0).endedAt());
    assertThat(Duration.between(canaryGridEnded, canaryEnded))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(30));
    assertThat(Instant.parse(grid(done, "eu-1/apps/b").startedAt())).isAfterOrEqualTo(canaryEnded);
  }

  @Test
  void aGridUnhealthyDuringTheBakeFailsAndHaltsTheFleetOverBudget() {
    unhealthy.add("eu-1/apps/a"); // its agent lists it with replicas not ready; b stays healthy
    StageSpec canaryOfTwo = new StageSpec("canary", null, 2, null, 2, null, "0", "30m", null);
    WorkflowStub fleet =
        startFleet(spec("sick", List.of("eu-1", "us-1"), List.of(canaryOfTwo, REST), false));

    FleetStatus halted = awaitStatus(fleet, Duration.ofMinutes(1), s -> s.openGate() != null);
    assertThat(halted.openGate().name()).isEqualTo(FleetUpgradeWorkflow.HALTED_GATE);
    assertThat(halted.budget().failed()).isEqualTo(1);
    assertThat(grid(halted, "eu-1/apps/a").state()).isEqualTo("FAILED");
    assertThat(grid(halted, "eu-1/apps/a").message())
        .contains("unhealthy during the bake")
        .contains("replicas not ready");
    assertThat(grid(halted, "eu-1/apps/b").state()).isEqualTo("SUCCEEDED");
    // Over budget after the first check: the bake stops there instead of checking b twice more.
    assertThat(discoveries.get("eu-1").get()).isEqualTo(1 + 1);
    fleet.update("reject", AuditEntry.class, new GateDecision("fleet-halted", "bob", "stop"));

    FleetStatus done = fleet.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.ABORTED);
    assertThat(reads.get("us-1/apps/c").get()).isEqualTo(1); // its dry run only
  }

  @Test
  void underBudgetAnUnhealthyGridCountsAndTheFleetGoesOn() {
    unhealthy.add("eu-1/apps/a");
    FleetStatus done =
        startFleet(spec("tolerant", List.of("eu-1"), List.of(canary("1"), REST), false))
            .getResult(FleetStatus.class);

    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(grid(done, "eu-1/apps/a").state()).isEqualTo("FAILED");
    assertThat(grid(done, "eu-1/apps/b").state()).isEqualTo("SUCCEEDED");
    // The first check failed the stage's only upgraded grid: the later ones had nothing to ask.
    assertThat(discoveries.get("eu-1").get()).isEqualTo(1 + 1);
  }
}
