package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Continue-as-new mid-plan and mid-stage, forced by a fleet registered with a threshold of {@value
 * #THRESHOLD} history events (on its own queue): the state it carries (grid states, the audit, the
 * stage, pause) survives, and every grid's upgrade starts exactly once over the whole chain.
 */
class FleetContinueAsNewTest extends FleetTestSupport {
  static final String SMALL_HISTORY = "fleet-small-history";
  static final int THRESHOLD = 20;

  @Override
  protected void moreWorkers() {
    Worker small = env.newWorker(SMALL_HISTORY);
    small.registerWorkflowImplementationFactory(
        FleetUpgradeWorkflow.class,
        () -> new FleetUpgradeWorkflowImpl(VisibilityOptions.NONE, THRESHOLD));
  }

  @Test
  void stateAndAuditSurviveContinueAsNewMidStageAndEveryGridRunsOnce() {
    StageSpec gated =
        new StageSpec("all", null, null, null, 2, null, "0", null, GatePolicy.required());
    WorkflowStub fleet =
        startFleet(
            spec("chain", List.of("big-1"), Map.of(), List.of(gated), childrenAskAPerson(), false),
            SMALL_HISTORY);
    awaitStatus(fleet, s -> s.openGate() != null);
    latest(fleet)
        .update("skip", AuditEntry.class, new GridAction("big-1/apps/g8", "bob", "not this one"));
    latest(fleet).update("approve", AuditEntry.class, new GateDecision("all", "carol", "go"));
    awaitStatus(fleet, s -> gridIs(s, "big-1/apps/g2", "RUNNING"));
    latest(fleet).update("pause", AuditEntry.class, new OperatorAction("bob", "lunch"));
    String before = currentRun(fleet);

    // g1 and g2 end: the run is past its threshold with nothing running, so it continues as new.
    approveChild("big-1/apps/g1");
    approveChild("big-1/apps/g2");
    FleetStatus carried =
        awaitStatus(
            fleet,
            s -> gridIs(s, "big-1/apps/g2", "SUCCEEDED") && !currentRun(fleet).equals(before));

    assertThat(carried.phase()).isEqualTo(FleetPhase.RUNNING);
    assertThat(carried.currentStage()).isEqualTo("all");
    assertThat(carried.stages().get(0).state()).isEqualTo("RUNNING");
    assertThat(carried.stages().get(0).approvals()).extracting(AuditEntry::by).contains("carol");
    assertThat(carried.paused()).isTrue();
    assertThat(carried.budget().maxFailures()).isZero();
    assertThat(carried.grids())
        .extracting(GridStatus::name, GridStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("g1", "SUCCEEDED"),
            org.assertj.core.groups.Tuple.tuple("g2", "SUCCEEDED"),
            org.assertj.core.groups.Tuple.tuple("g3", "PENDING"),
            org.assertj.core.groups.Tuple.tuple("g4", "PENDING"),
            org.assertj.core.groups.Tuple.tuple("g5", "PENDING"),
            org.assertj.core.groups.Tuple.tuple("g6", "PENDING"),
            org.assertj.core.groups.Tuple.tuple("g7", "PENDING"),
            org.assertj.core.groups.Tuple.tuple("g8", "SKIPPED"));
    assertThat(grid(carried, "big-1/apps/g1").durationMs()).isNotNull();
    assertThat(carried.audit())
        .extracting(AuditEntry::action, AuditEntry::by)
        .contains(
            org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.SKIPPED, "bob"),
            org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.APPROVED, "carol"),
            org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.PAUSED, "bob"));

    // Paused across the continue-as-new: nothing started; resuming goes on in the new run.
    latest(fleet).update("resume", AuditEntry.class, new OperatorAction("bob", "back"));
    for (String g : List.of("g3", "g4", "g5", "g6", "g7")) {
      approveChild("big-1/apps/" + g);
    }
    FleetStatus done = fleet.getResult(FleetStatus.class);

    assertThat(done.phase()).as(done.message()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(done.grids()).filteredOn(g -> g.state().equals("SUCCEEDED")).hasSize(7);
    assertThat(done.audit()).extracting(AuditEntry::action).contains(AuditEntry.Action.RESUMED);
    ChildStarts starts = childStarts(fleet);
    // At least the mid-stage continue-as-new checked above; how many more depends on how the server
    // batches workflow tasks (fewer, larger ones on a loaded machine).
    assertThat(starts.runs()).isGreaterThanOrEqualTo(2);
    for (String g : BIG) {
      String id = "echo-upgrade-big-1-apps-" + g;
      assertThat(starts.byWorkflowId().get(id + "-plan")).as(id + "-plan").isEqualTo(1);
      assertThat(starts.byWorkflowId().get(id)).as(id).isEqualTo(g.equals("g8") ? null : 1);
    }
  }
}
