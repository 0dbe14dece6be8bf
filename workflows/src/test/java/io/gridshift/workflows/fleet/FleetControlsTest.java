package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pause, resume, retry and skip as updates, with children that wait at their gate for a person, so
 * the test decides when each grid's upgrade ends.
 */
class FleetControlsTest extends FleetTestSupport {

  private WorkflowStub startGated(String name, String maxFailures) {
    return startFleet(
        spec(
            name,
            List.of("eu-1", "us-1"),
            Map.of(),
            List.of(stage("all", null, 1, maxFailures)),
            childrenAskAPerson(),
            false));
  }

  @Test
  void pauseLetsTheRunningUpgradeFinishStartsNothingAndResumeGoesOn() {
    WorkflowStub fleet = startGated("pause", null);
    awaitStatus(fleet, s -> gridIs(s, "eu-1/apps/a", "RUNNING"));

    assertThatThrownBy(
            () -> fleet.update("resume", AuditEntry.class, new OperatorAction("bob", "early")))
        .hasStackTraceContaining("not paused");
    assertThatThrownBy(() -> fleet.update("pause", AuditEntry.class, new OperatorAction(" ", null)))
        .hasStackTraceContaining("by");
    AuditEntry paused =
        fleet.update("pause", AuditEntry.class, new OperatorAction("bob", "incident"));
    assertThat(paused.action()).isEqualTo(AuditEntry.Action.PAUSED);
    assertThatThrownBy(
            () -> fleet.update("pause", AuditEntry.class, new OperatorAction("carol", "again")))
        .hasStackTraceContaining("already paused");

    approveChild("eu-1/apps/a");
    env.sleep(Duration.ofHours(1));
    FleetStatus held = fleet.query("status", FleetStatus.class);
    assertThat(held.paused()).isTrue();
    assertThat(grid(held, "eu-1/apps/a").state()).isEqualTo("SUCCEEDED");
    assertThat(held.grids()).filteredOn(g -> g.state().equals("RUNNING")).isEmpty();
    assertThat(paths("eu-1", "b")).allMatch(p -> gridIs(held, p, "PENDING"));
    // A pending grid can be skipped while paused.
    fleet.update("skip", AuditEntry.class, new GridAction("us-1/apps/d", "bob", "later"));

    fleet.update("resume", AuditEntry.class, new OperatorAction("bob", "fixed"));
    approveChild("eu-1/apps/b");
    approveChild("us-1/apps/c");
    FleetStatus done = fleet.getResult(FleetStatus.class);

    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(grid(done, "us-1/apps/d").state()).isEqualTo("SKIPPED");
    assertThat(grid(done, "us-1/apps/d").message()).contains("skipped by bob: later");
    // Nothing started while paused: the next grid started once resumed, an hour after the pause.
    java.time.Instant resumed =
        done.audit().stream()
            .filter(e -> e.action() == AuditEntry.Action.RESUMED)
            .map(e -> java.time.Instant.parse(e.at()))
            .findFirst()
            .orElseThrow();
    java.time.Instant nextStarted = java.time.Instant.parse(grid(done, "eu-1/apps/b").startedAt());
    assertThat(nextStarted).isAfterOrEqualTo(resumed);
    assertThat(Duration.between(java.time.Instant.parse(paused.at()), nextStarted))
        .isGreaterThanOrEqualTo(Duration.ofHours(1));
    assertThat(done.audit())
        .extracting(AuditEntry::action)
        .containsSubsequence(
            AuditEntry.Action.PAUSED, AuditEntry.Action.SKIPPED, AuditEntry.Action.RESUMED);
    assertThat(childStarts(fleet).byWorkflowId()).doesNotContainKey("echo-upgrade-us-1-apps-d");
  }

  @Test
  void aFailedGridIsRetriedAndSucceedsAndTheBudgetCountsIt() {
    failing.add("eu-1/apps/a");
    WorkflowStub fleet = startGated("retry", "1"); // a's upgrade fails at its plan
    FleetStatus failed =
        awaitStatus(
            fleet, s -> gridIs(s, "eu-1/apps/a", "FAILED") && gridIs(s, "eu-1/apps/b", "RUNNING"));
    assertThat(failed.budget().failed()).isEqualTo(1);
    assertThat(failed.budget().left()).isZero();

    assertThatThrownBy(
            () ->
                fleet.update("retry", AuditEntry.class, new GridAction("eu-1/apps/b", "bob", null)))
        .hasStackTraceContaining("eu-1/apps/b is RUNNING and cannot be retried");
    failing.remove("eu-1/apps/a");
    AuditEntry retried =
        fleet.update("retry", AuditEntry.class, new GridAction("eu-1/apps/a", "bob", "fixed"));
    assertThat(retried.action()).isEqualTo(AuditEntry.Action.RETRIED);
    FleetStatus requeued = fleet.query("status", FleetStatus.class);
    assertThat(requeued.budget().failed()).isZero();
    assertThat(grid(requeued, "eu-1/apps/a").state()).isEqualTo("PENDING");

    approveChild("eu-1/apps/b");
    approveChild("us-1/apps/c");
    approveChild("us-1/apps/d");
    approveChild("eu-1/apps/a");
    awaitStatus(fleet, s -> gridIs(s, "eu-1/apps/a", "SUCCEEDED"));
    FleetStatus done = fleet.getResult(FleetStatus.class);

    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(done.grids()).extracting(FleetStatus.GridStatus::state).containsOnly("SUCCEEDED");
    assertThat(childStarts(fleet).byWorkflowId())
        .containsEntry("echo-upgrade-eu-1-apps-a", 2)
        .containsEntry("echo-upgrade-eu-1-apps-b", 1);
  }

  @Test
  void retryIsRefusedForASucceededGrid() {
    WorkflowStub fleet = startGated("no-retry", null);
    approveChild("eu-1/apps/a");
    awaitStatus(fleet, s -> gridIs(s, "eu-1/apps/a", "SUCCEEDED"));

    assertThatThrownBy(
            () ->
                fleet.update("retry", AuditEntry.class, new GridAction("eu-1/apps/a", "bob", null)))
        .hasStackTraceContaining("eu-1/apps/a is SUCCEEDED and cannot be retried");
    fleet.update("abort", AuditEntry.class, new OperatorAction("bob", "done here"));
    FleetStatus done = fleet.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.ABORTED);
    assertThat(done.audit()).noneMatch(e -> e.action() == AuditEntry.Action.RETRIED);
  }
}
