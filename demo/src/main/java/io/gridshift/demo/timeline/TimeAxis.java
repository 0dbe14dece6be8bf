package io.gridshift.demo.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps instants of the run to x pixels and picks readable ticks.
 *
 * <p>Ticks are offsets from the start on a "nice" step (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30
 * min, hours) chosen as the smallest that keeps labels at least {@link #MIN_TICK_PX} apart. Labels
 * are seconds ("45s") for runs under two minutes, m:ss beyond that and h:mm:ss past an hour.
 */
final class TimeAxis {
  static final double MIN_TICK_PX = 70;

  private static final long[] STEPS_MS = {
    100,
    200,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    15_000,
    30_000,
    60_000,
    120_000,
    300_000,
    600_000,
    900_000,
    1_800_000,
    3_600_000,
    7_200_000,
    10_800_000,
    21_600_000,
    43_200_000,
    86_400_000
  };

  /** One labelled tick: its x in pixels and its text. */
  record Tick(double x, String label) {}

  private final Instant start;
  private final long spanMs;
  private final double left;
  private final double width;

  TimeAxis(Instant start, Instant end, double left, double width) {
    this.start = start;
    this.spanMs = Math.max(1, Duration.between(start, end).toMillis());
    this.left = left;
    this.width = width;
  }

  double left() {
    return left;
  }

  double right() {
    return left + width;
  }

  long spanMs() {
    return spanMs;
  }

  /** The x of {@code t}, clamped to the axis so out-of-window times stay on the picture. */
  double x(Instant t) {
    return xOfOffset(Duration.between(start, t).toMillis());
  }

  double xOfOffset(double offsetMs) {
    double clamped = Math.max(0, Math.min(spanMs, offsetMs));
    return left + width * clamped / spanMs;
  }

  long offsetMs(Instant t) {
    return Duration.between(start, t).toMillis();
  }

  /** The unit the axis title should name: "s", "m:ss" or "h:mm:ss". */
  String unit() {
    if (spanMs < 120_000) {
      return "s";
    }
    return spanMs < 3_600_000 ? "m:ss" : "h:mm:ss";
  }

  List<Tick> ticks() {
    long step = tickStepMs();
    List<Tick> ticks = new ArrayList<>();
    for (long t = 0; t <= spanMs; t += step) {
      ticks.add(new Tick(xOfOffset(t), label(t, step)));
    }
    return ticks;
  }

  long tickStepMs() {
    double maxTicks = Math.max(1, width / MIN_TICK_PX);
    for (long step : STEPS_MS) {
      if (spanMs / (double) step <= maxTicks) {
        return step;
      }
    }
    long day = STEPS_MS[STEPS_MS.length - 1];
    return day * (long) Math.ceil(spanMs / (double) day / maxTicks);
  }

  private String label(long offsetMs, long stepMs) {
    if (spanMs < 120_000) {
      return stepMs < 1_000
          ? String.format(Locale.ROOT, "%.1fs", offsetMs / 1000.0)
          : (offsetMs / 1000) + "s";
    }
    long s = offsetMs / 1000;
    if (spanMs < 3_600_000) {
      return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  /** A duration for humans: "850 ms", "4.2 s", "42 s", "2m 05s", "1h 02m". */
  static String humanDuration(long ms) {
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = Math.round(ms / 1000.0);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60);
  }
}
