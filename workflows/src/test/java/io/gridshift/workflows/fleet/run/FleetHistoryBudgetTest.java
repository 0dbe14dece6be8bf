package io.gridshift.workflows.fleet.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where a run stops starting children to continue as new: as late as its drain (every running
 * child's remaining events) still fits the budget, for every window a fleet can have.
 */
class FleetHistoryBudgetTest {
  @Test
  void aRunAndItsDrainStayWithinTheBudgetForEveryWindowUpToTheDryRuns() {
    for (int window = 1; window <= FleetRun.MAX_PENDING_PLANS; window++) {
      int at = FleetRun.continueAt(FleetRun.HISTORY_BUDGET, window);
      assertThat(at + FleetRun.DRAIN_EVENTS_PER_CHILD * window)
          .as("window %d", window)
          .isLessThanOrEqualTo(FleetRun.HISTORY_BUDGET)
          .isLessThan(5_000);
    }
  }

  @Test
  void theDrainIsReservedPerChildOfTheWindowSoSmallWindowsRunLonger() {
    assertThat(FleetRun.continueAt(4_500, 100)).isEqualTo(4_000);
    assertThat(FleetRun.continueAt(4_500, 200)).isEqualTo(3_500);
    assertThat(FleetRun.continueAt(4_500, 500)).isEqualTo(2_000);
  }

  @Test
  void aBudgetTooSmallForTheWindowStillLetsARunDoAQuarterOfItsShare() {
    assertThat(FleetRun.continueAt(100, 500)).isEqualTo(25);
    assertThat(FleetRun.continueAt(20, 2)).isEqualTo(10);
  }
}
