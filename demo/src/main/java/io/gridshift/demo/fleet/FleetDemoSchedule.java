package io.gridshift.demo.fleet;

import io.gridshift.starter.schedule.FleetScheduleRequest;
import io.gridshift.starter.schedule.FleetScheduleView;
import io.gridshift.starter.schedule.FleetSchedules;
import io.gridshift.workflows.fleet.FleetSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The Temporal Schedule that starts the demo's fleet run, made through the product's {@link
 * FleetSchedules} (what {@code ./gridshift fleet schedule create} calls): a weekly calendar in
 * {@value FleetLayout#WINDOW_ZONE} whose next time is {@link #DUE_IN} after its creation, so a
 * newcomer sees the schedule fire by itself rather than be triggered. After its run started, the
 * demo pauses it with a note (the next time is a week away, and the sandbox ends with the demo).
 */
final class FleetDemoSchedule {
  static final String ID = "shop-weekly";

  /** How long after its creation the schedule's first time comes. */
  static final Duration DUE_IN = Duration.ofSeconds(10);

  private static final Duration FIRE_LIMIT = Duration.ofMinutes(1);

  private final FleetSchedules schedules;
  private final PrintStream out;
  private Instant firedAt;

  FleetDemoSchedule(FleetSchedules schedules, PrintStream out) {
    this.schedules = schedules;
    this.out = out;
  }

  String id() {
    return ID;
  }

  /** When the schedule started the run (the run's start as the schedule recorded it). */
  Instant firedAt() {
    return firedAt;
  }

  /**
   * The weekly calendar whose time is {@code due} in {@value FleetLayout#WINDOW_ZONE}, as {@code
   * fleet schedule create --calendar} takes it.
   */
  static String calendar(Instant due) {
    ZonedDateTime local = due.atZone(ZoneId.of(FleetLayout.WINDOW_ZONE));
    return String.format(
        "day_of_week=%s hour=%d minute=%d second=%d",
        local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT),
        local.getHour(),
        local.getMinute(),
        local.getSecond());
  }

  /** Creates the schedule, waits for it to fire, and returns the fleet run's workflow id. */
  String createAndAwaitRun(FleetSpec spec, Path specFile) throws InterruptedException {
    Instant due = Instant.now().plus(DUE_IN).truncatedTo(ChronoUnit.SECONDS);
    String calendar = calendar(due);
    out.printf(
        "%nCreating Temporal Schedule '%s' (weekly, \"%s\" in %s: due in %d s), overlap skip:%n"
            + "  ./gridshift fleet schedule create --id %s --file %s --calendar \"%s\""
            + " --time-zone %s%n",
        ID,
        calendar,
        FleetLayout.WINDOW_ZONE,
        DUE_IN.toSeconds(),
        ID,
        specFile,
        calendar,
        FleetLayout.WINDOW_ZONE);
    schedules.create(
        new FleetScheduleRequest(
            ID,
            spec,
            List.of(),
            List.of(calendar),
            FleetLayout.WINDOW_ZONE,
            null,
            null,
            false,
            null));
    List<Instant> next = schedules.describe(ID).nextRuns();
    out.printf(
        "  next runs at %s; waiting for the first ...%n",
        next.subList(0, Math.min(2, next.size())));
    long deadline = System.nanoTime() + FIRE_LIMIT.plus(DUE_IN).toNanos();
    while (System.nanoTime() < deadline) {
      List<FleetScheduleView.Run> runs = schedules.describe(ID).recentRuns();
      if (!runs.isEmpty()) {
        FleetScheduleView.Run run = runs.get(0);
        firedAt = run.startedAt() != null ? run.startedAt() : run.scheduledAt();
        out.printf(
            "  the schedule fired at %s and started fleet run %s%n", firedAt, run.workflowId());
        return run.workflowId();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "schedule "
            + ID
            + " did not start a run within "
            + FIRE_LIMIT.plus(DUE_IN).toSeconds()
            + " s of its creation; see the sandbox log for the schedule service");
  }

  /** Pauses the schedule so it starts nothing more, with the reason. */
  void pauseAfterTheRun() {
    schedules.pause(ID, "demo: its one run is done");
    out.printf("%nSchedule '%s' paused (\"demo: its one run is done\").%n", ID);
  }
}
