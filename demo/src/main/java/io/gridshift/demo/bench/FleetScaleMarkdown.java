package io.gridshift.demo.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes {@code bench/FLEET-SCALE.md} from a {@link FleetScaleResult}: each figure beside its
 * target (issue 12's "figures to reach"), then the hand-written notes (causes of what was missed)
 * as they are. Pure.
 */
final class FleetScaleMarkdown {
  static final double MAX_WALL_SECONDS = 300;
  static final double MAX_RATIO = 1.3;
  static final int MAX_FLEET_EVENTS = 5000;
  static final int MAX_PENDING = 500;
  static final long MAX_HEAP_MB = 512;
  static final long MAX_ELIGIBLE_TO_START_MS = 1000;

  private FleetScaleMarkdown() {}

  static String render(FleetScaleResult r, String command, String notes) {
    StringBuilder md = new StringBuilder();
    md.append("# Fleet scale: ").append(r.grids()).append(" grids over ").append(r.clusters());
    md.append(" simulated clusters\n\n");
    md.append("Written by `").append(command).append("` at ");
    md.append(
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    md.append(" UTC. Re-run: `bench/fleet-scale [--grids N] [--clusters C] [--report F]`");
    md.append(" (see `bench/fleet-scale --help` and bench/README.md).\n\n");
    md.append("- Machine: ").append(r.machine()).append('\n');
    md.append(
        "- Server: the sandbox's Temporal (Java test server, real time) in the driver's JVM\n");
    md.append("- Settings: ").append(r.settings()).append('\n');
    md.append("- Load average (1 min; the cores are shared with whatever else runs): ");
    md.append(r.loadAverage()).append('\n');
    if (r.activityCalls() != null) {
      md.append("- Activity calls per child (from its history): ").append(r.activityCalls());
      md.append(", the same as the recorded real upgrades of that shape\n");
    }
    md.append("\n| figure | target | measured | |\n| --- | --- | --- | --- |\n");
    row(
        md,
        "fleet wall time",
        "<= 300 s",
        seconds(r.wallSeconds()),
        r.wallSeconds() == null ? null : r.wallSeconds() <= MAX_WALL_SECONDS);
    row(md, "floor (bare parent, same children)", "", seconds(r.floorSeconds()), null);
    row(
        md,
        "fleet / floor",
        "<= 1.3x",
        r.ratio() == null ? null : fmt("%.2fx", r.ratio()),
        r.ratio() == null ? null : r.ratio() <= MAX_RATIO);
    row(
        md,
        "grids upgraded by the fleet",
        "all",
        count(r.succeeded(), r.failed()),
        r.failed() == null ? null : r.failed() == 0);
    row(
        md,
        "children succeeded under the floor",
        "all",
        r.floorSucceeded() == null ? null : r.floorSucceeded() + " of " + r.grids(),
        r.floorSucceeded() == null ? null : r.floorSucceeded() == r.grids());
    row(
        md,
        "fleet history, largest run",
        "<= 5,000 events",
        r.maxFleetHistoryEvents() == null
            ? null
            : r.maxFleetHistoryEvents()
                + " ("
                + r.fleetRuns()
                + " runs, mean "
                + fmt("%.0f", r.meanFleetHistoryEvents())
                + ")",
        r.maxFleetHistoryEvents() == null ? null : r.maxFleetHistoryEvents() <= MAX_FLEET_EVENTS);
    row(md, "floor parent's history", "", str(r.floorHistoryEvents()), null);
    row(
        md,
        "child history, largest",
        "",
        r.maxChildHistoryEvents() == null
            ? null
            : r.maxChildHistoryEvents() + " (mean " + fmt("%.0f", r.meanChildHistoryEvents()) + ")",
        null);
    row(
        md,
        "children pending at once (fleet)",
        "<= 500",
        str(r.maxPendingChildren()),
        r.maxPendingChildren() == null ? null : r.maxPendingChildren() <= MAX_PENDING);
    row(md, "children pending at once (floor)", "", str(r.floorMaxPendingChildren()), null);
    row(
        md,
        "worker heap at peak",
        "< 512 MB",
        r.heapMb()
            + " MB of "
            + r.heapMaxMb()
            + " MB"
            + (Boolean.TRUE.equals(r.heapOwnJvm()) ? " (worker's own JVM)" : " (incl. server)"),
        r.heapMb() < MAX_HEAP_MB);
    FleetScaleResult.Percentiles e = r.eligibleToStartMs();
    row(
        md,
        "eligible to child started",
        "<= 1 s",
        e == null ? null : "p50 " + e.p50() + " ms, p99 " + e.p99() + " ms, max " + e.max() + " ms",
        e == null ? null : e.p99() <= MAX_ELIGIBLE_TO_START_MS);
    row(md, "slot freed to next child started (fleet)", "", percentiles(r.slotRefillMs()), null);
    row(
        md,
        "slot freed to next child started (floor)",
        "",
        percentiles(r.floorSlotRefillMs()),
        null);
    md.append('\n');
    if (!notes.isBlank()) {
      md.append(notes.strip()).append('\n');
    }
    return md.toString();
  }

  private static void row(
      StringBuilder md, String figure, String target, String value, Boolean met) {
    md.append("| ").append(figure).append(" | ").append(target).append(" | ");
    md.append(value == null ? "not measured" : value).append(" | ");
    md.append(met == null ? "" : met ? "met" : "**missed**").append(" |\n");
  }

  private static String percentiles(FleetScaleResult.Percentiles p) {
    return p == null
        ? null
        : "p50 "
            + p.p50()
            + " ms, p99 "
            + p.p99()
            + " ms, max "
            + p.max()
            + " ms ("
            + p.count()
            + ")";
  }

  private static String seconds(Double s) {
    return s == null ? null : fmt("%.1f s", s);
  }

  private static String count(Integer succeeded, Integer failed) {
    return succeeded == null ? null : succeeded + " of " + (succeeded + failed);
  }

  private static String str(Integer n) {
    return n == null ? null : n.toString();
  }

  private static String fmt(String format, Object value) {
    return String.format(Locale.ROOT, format, value);
  }
}
