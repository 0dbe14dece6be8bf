package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A grid's {@code eligibleAt} says when the fleet's rules let it go (the slot it takes freed, the
 * run resumed), not when the fleet got round to starting it: a drain for continue-as-new shows as
 * waiting. And the run that ends the last stage completes, without a continue-as-new to do nothing.
 * The fleet runs under a history budget of {@value #BUDGET} events, so it drains after its first
 * children.
 */
class FleetEligibilityTest extends FleetTestSupport {
  static final String SMALL_HISTORY = "fleet-eligibility-small-history";
  static final int BUDGET = 20;

  @Override
  protected void moreWorkers() {
    Worker small = env.newWorker(SMALL_HISTORY);
    small.registerWorkflowImplementationFactory(
        FleetUpgradeWorkflow.class,
        () -> new FleetUpgradeWorkflowImpl(VisibilityOptions.NONE, BUDGET));
  }

  @Test
  void aGridEligibleDuringADrainKeepsThatMomentAcrossContinueAsNew() {
    WorkflowStub fleet =
        startFleet(
            spec(
                "drain",
                List.of("big-1"),
                Map.of(),
                List.of(stage("all", null, 2, "0")),
                childrenAskAPerson(),
                false),
            SMALL_HISTORY);
    awaitStatus(fleet, s -> gridIs(s, "big-1/apps/g2", "RUNNING"));
    approveChild("big-1/apps/g1");
    FleetStatus draining = awaitStatus(fleet, s -> grid(s, "big-1/apps/g3").eligibleAt() != null);

    // g1's end freed the slot g3 takes; the run, past its threshold, starts nothing until g2 ends.
    GridStatus g1 = grid(draining, "big-1/apps/g1");
    GridStatus g3 = grid(draining, "big-1/apps/g3");
    assertThat(g1.state()).isEqualTo("SUCCEEDED");
    assertThat(g3.state()).isEqualTo("PENDING");
    assertThat(g3.startedAt()).isNull();
    assertThat(Instant.parse(g3.eligibleAt()))
        .isAfterOrEqualTo(Instant.parse(g1.startedAt()))
        .isBeforeOrEqualTo(Instant.parse(g1.endedAt()));
    assertThat(grid(draining, "big-1/apps/g4").eligibleAt()).isNull();

    env.sleep(Duration.ofHours(1));
    approveChild("big-1/apps/g2");
    FleetStatus carried = awaitStatus(fleet, s -> grid(s, "big-1/apps/g4").startedAt() != null);

    GridStatus g3Started = grid(carried, "big-1/apps/g3");
    assertThat(g3Started.eligibleAt()).isEqualTo(g3.eligibleAt());
    assertThat(waited(g3Started)).isGreaterThanOrEqualTo(Duration.ofHours(1));
    GridStatus g2 = grid(carried, "big-1/apps/g2");
    GridStatus g4 = grid(carried, "big-1/apps/g4");
    assertThat(Instant.parse(g4.eligibleAt()))
        .isAfterOrEqualTo(Instant.parse(g2.startedAt()).plus(Duration.ofHours(1)))
        .isBeforeOrEqualTo(Instant.parse(g2.endedAt()));
    assertThat(waited(g4)).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void aGridHeldByAPauseIsEligibleFromTheResumeNotFromTheFreedSlot() {
    WorkflowStub fleet =
        startFleet(
            spec(
                "paused",
                List.of("eu-1"),
                Map.of(),
                List.of(stage("all", null, 1, "0")),
                childrenAskAPerson(),
                false));
    awaitStatus(fleet, s -> gridIs(s, "eu-1/apps/a", "RUNNING"));
    fleet.update("pause", AuditEntry.class, new OperatorAction("bob", "lunch"));
    approveChild("eu-1/apps/a");
    awaitStatus(fleet, s -> gridIs(s, "eu-1/apps/a", "SUCCEEDED"));
    env.sleep(Duration.ofHours(1));
    Instant resumed = Instant.ofEpochMilli(env.currentTimeMillis());
    fleet.update("resume", AuditEntry.class, new OperatorAction("bob", "back"));
    FleetStatus running = awaitStatus(fleet, s -> grid(s, "eu-1/apps/b").startedAt() != null);

    GridStatus b = grid(running, "eu-1/apps/b");
    assertThat(Instant.parse(b.eligibleAt())).isAfterOrEqualTo(resumed);
    assertThat(waited(b)).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void theRunWhoseLastChildrenEndCompletesWithoutContinuingAsNew() {
    WorkflowStub fleet =
        startFleet(
            spec("last", List.of("eu-1"), List.of(stage("all", null, 2, "0")), false),
            SMALL_HISTORY);

    FleetStatus done = fleet.getResult(FleetStatus.class);

    assertThat(done.phase()).as(done.message()).isEqualTo(FleetPhase.COMPLETED);
    List<String> started = childrenStartedInLastRun(fleet);
    assertThat(started)
        .as("the last run started the upgrades whose end completed it")
        .contains("echo-upgrade-eu-1-apps-a", "echo-upgrade-eu-1-apps-b");
  }

  private static Duration waited(GridStatus g) {
    return Duration.between(Instant.parse(g.eligibleAt()), Instant.parse(g.startedAt()));
  }

  /** The child workflow ids the fleet's last run (the one that completed) started. */
  private List<String> childrenStartedInLastRun(WorkflowStub fleet) {
    String id = fleet.getExecution().getWorkflowId();
    String runId = fleet.getExecution().getRunId();
    List<String> started = new ArrayList<>();
    while (runId != null) {
      started.clear();
      String next = null;
      for (HistoryEvent e : client.fetchHistory(id, runId).getHistory().getEventsList()) {
        if (e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
          started.add(e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
        } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
          next = e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
        }
      }
      runId = next;
    }
    return started;
  }
}
