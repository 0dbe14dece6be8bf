package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import io.gridshift.workflows.fleet.FleetSpec.WeeklySlot;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Maintenance windows on the test server's clock, which starts on Monday 2026-03-02 at 08:00 UTC: a
 * grid starts only inside its cluster's window; one already running finishes after it closes.
 */
class FleetWindowsTest extends FleetTestSupport {
  static final Instant MONDAY_8_UTC = Instant.parse("2026-03-02T08:00:00Z");

  @Override
  protected Instant startAt() {
    return MONDAY_8_UTC;
  }

  private static MaintenanceWindow window(String zone, String start, String end) {
    return new MaintenanceWindow(zone, List.of(new WeeklySlot(List.of(), start, end)), List.of());
  }

  private WorkflowStub startOnEu(String name, MaintenanceWindow window, int parallel) {
    return startFleet(
        spec(
            name,
            List.of("eu-1"),
            Map.of("eu-1", window),
            List.of(stage("all", null, parallel, null)),
            Map.of(),
            false));
  }

  private static Instant startedAt(FleetStatus s, String path) {
    return Instant.parse(grid(s, path).startedAt());
  }

  @Test
  void aClosedWindowMakesItsGridsWaitAndTheyStartWhenItOpens() {
    WorkflowStub stub = startOnEu("closed", window("UTC", "10:00", "11:00"), 2);

    FleetStatus waiting =
        awaitStatus(
            stub,
            s ->
                gridIs(s, "eu-1/apps/a", "WAITING_WINDOW")
                    && gridIs(s, "eu-1/apps/b", "WAITING_WINDOW"));
    assertThat(waiting.nextWindow()).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(waiting.phase()).isEqualTo(FleetPhase.RUNNING);

    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).as(done.message()).isEqualTo(FleetPhase.COMPLETED);
    for (String path : paths("eu-1", "a", "b")) {
      assertThat(startedAt(done, path))
          .isAfterOrEqualTo(Instant.parse("2026-03-02T10:00:00Z"))
          .isBefore(Instant.parse("2026-03-02T11:00:00Z"));
      assertThat(grid(done, path).state()).isEqualTo("SUCCEEDED");
    }
    assertThat(done.nextWindow()).isNull();
  }

  @Test
  void insideItsWindowAGridStartsAtOnce() {
    FleetStatus done =
        startOnEu("inside", window("UTC", "07:00", "12:00"), 2).getResult(FleetStatus.class);

    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    for (String path : paths("eu-1", "a", "b")) {
      assertThat(Duration.between(MONDAY_8_UTC, startedAt(done, path))).isLessThan(minutes(1));
    }
  }

  @Test
  void aBlackoutDateDefersToTheNextOpenDay() {
    MaintenanceWindow allDayButToday =
        new MaintenanceWindow("UTC", List.of(), List.of("2026-03-02"));
    WorkflowStub stub = startOnEu("blackout", allDayButToday, 2);

    FleetStatus waiting = awaitStatus(stub, s -> s.nextWindow() != null);
    assertThat(waiting.nextWindow()).isEqualTo("2026-03-03T00:00:00Z");

    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    for (String path : paths("eu-1", "a", "b")) {
      assertThat(startedAt(done, path)).isAfterOrEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
    }
  }

  @Test
  void anOvernightSlotIsReadInTheWindowsTimeZone() {
    // 22:00-02:00 in Berlin (UTC+1 in March): 21:00-01:00 UTC; at 08:00 UTC it is closed.
    WorkflowStub stub = startOnEu("berlin", window("Europe/Berlin", "22:00", "02:00"), 1);

    FleetStatus waiting = awaitStatus(stub, s -> s.nextWindow() != null);
    assertThat(waiting.nextWindow()).isEqualTo("2026-03-02T21:00:00Z");

    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    for (String path : paths("eu-1", "a", "b")) {
      assertThat(startedAt(done, path))
          .isAfterOrEqualTo(Instant.parse("2026-03-02T21:00:00Z"))
          .isBefore(Instant.parse("2026-03-03T01:00:00Z"));
    }
  }

  @Test
  void aRunningUpgradeFinishesAfterItsWindowClosesAndTheNextGridWaitsForTheNextWindow() {
    WorkflowStub stub =
        startFleet(
            spec(
                "closing",
                List.of("eu-1"),
                Map.of("eu-1", window("UTC", "07:00", "09:00")),
                List.of(stage("all", null, 1, null)),
                childrenAskAPerson(),
                false));
    awaitStatus(stub, s -> gridIs(s, "eu-1/apps/a", "RUNNING"));

    env.sleep(Duration.ofHours(2)); // 10:00: the window closed at 09:00
    FleetStatus closed = stub.query("status", FleetStatus.class);
    assertThat(grid(closed, "eu-1/apps/a").state()).isEqualTo("RUNNING");
    assertThat(grid(closed, "eu-1/apps/b").state()).isEqualTo("PENDING");
    approveChild("eu-1/apps/a");
    FleetStatus after = awaitStatus(stub, s -> gridIs(s, "eu-1/apps/a", "SUCCEEDED"));
    assertThat(Instant.parse(grid(after, "eu-1/apps/a").endedAt()))
        .isAfter(Instant.parse("2026-03-02T09:00:00Z"));
    GridStatus b = grid(after, "eu-1/apps/b");
    assertThat(b.state()).isEqualTo("WAITING_WINDOW");
    assertThat(after.nextWindow()).isEqualTo("2026-03-03T07:00:00Z");

    env.sleep(Duration.ofHours(21)); // Tuesday 07:00 and a bit
    approveChild("eu-1/apps/b");
    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(startedAt(done, "eu-1/apps/b"))
        .isAfterOrEqualTo(Instant.parse("2026-03-03T07:00:00Z"))
        .isBefore(Instant.parse("2026-03-03T09:00:00Z"));
  }

  /**
   * A window that does not open within a year: its grids are SKIPPED with the reason (not counted
   * as failures) and the fleet ends instead of holding every later stage for a year.
   */
  @Test
  void aWindowThatNeverOpensAgainSkipsItsGridsAndTheFleetGoesOn() {
    MaintenanceWindow frozen =
        new MaintenanceWindow("UTC", List.of(), List.of("2026-01-01..2028-12-31"));
    FleetStatus done =
        startFleet(
                spec(
                    "frozen",
                    List.of("eu-1", "us-1"),
                    Map.of("eu-1", frozen),
                    List.of(stage("all", null, 4, "0")),
                    Map.of(),
                    false))
            .getResult(FleetStatus.class);

    assertThat(done.phase()).as(done.message()).isEqualTo(FleetPhase.COMPLETED);
    for (String path : paths("eu-1", "a", "b")) {
      assertThat(grid(done, path).state()).isEqualTo("SKIPPED");
      assertThat(grid(done, path).message())
          .contains("maintenance window does not open within 366 days")
          .contains("fix the window");
      assertThat(grid(done, path).startedAt()).isNull();
    }
    assertThat(paths("us-1", "c", "d")).allMatch(p -> "SUCCEEDED".equals(grid(done, p).state()));
    assertThat(Duration.between(MONDAY_8_UTC, Instant.parse(grid(done, "us-1/apps/c").endedAt())))
        .isLessThan(minutes(5));
  }

  private static Duration minutes(int n) {
    return Duration.ofMinutes(n);
  }
}
