package io.gridshift.demo.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latency plot's y scale, in milliseconds.
 *
 * <p>A log scale is chosen when the worst latency is more than {@link #LOG_RATIO} times the typical
 * p50: on a linear scale a few slow outliers would flatten the p50 line into the floor. Otherwise a
 * linear scale from zero, with 1-2-5 steps, keeps small differences visible.
 */
final class ValueAxis {
  static final double LOG_RATIO = 20;

  /** One labelled tick: its y in pixels and its text. */
  record Tick(double y, String label) {}

  private final boolean log;
  private final double lo;
  private final double hi;
  private final double top;
  private final double height;

  private ValueAxis(boolean log, double lo, double hi, double top, double height) {
    this.log = log;
    this.lo = lo;
    this.hi = hi;
    this.top = top;
    this.height = height;
  }

  /** A scale for these latencies drawn between {@code top} and {@code top + height}. */
  static ValueAxis forLatencies(LatencyBuckets b, double top, double height) {
    double max = b.maxLatency();
    if (Double.isNaN(max) || max <= 0) {
      return new ValueAxis(false, 0, 1, top, height);
    }
    double typical = b.typicalP50();
    if (typical > 0 && max / typical > LOG_RATIO) {
      double floor = Math.max(0.001, b.minPositiveP50());
      double lo = Math.pow(10, Math.floor(Math.log10(floor)));
      double hi = Math.pow(10, Math.ceil(Math.log10(max)));
      return new ValueAxis(true, lo, hi > lo ? hi : lo * 10, top, height);
    }
    double step = niceStep(max / 5);
    return new ValueAxis(false, 0, Math.ceil(max / step) * step, top, height);
  }

  boolean isLog() {
    return log;
  }

  /** The y of {@code ms}; values below the scale sit on its floor, above it on its ceiling. */
  double y(double ms) {
    double f;
    if (log) {
      double v = Math.max(lo, Math.min(hi, ms));
      f = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    } else {
      f = (Math.max(lo, Math.min(hi, ms)) - lo) / (hi - lo);
    }
    return top + height * (1 - f);
  }

  List<Tick> ticks() {
    List<Tick> ticks = new ArrayList<>();
    if (log) {
      int decades = (int) Math.round(Math.log10(hi / lo));
      // With few decades the plot is tall enough per decade to name 2x and 5x as well.
      double[] mantissas = decades <= 2 ? new double[] {1, 2, 5} : new double[] {1};
      for (double d = lo; d <= hi * 1.0001; d *= 10) {
        for (double m : mantissas) {
          if (d * m <= hi * 1.0001) {
            ticks.add(new Tick(y(d * m), label(d * m)));
          }
        }
      }
      return ticks;
    }
    double step = niceStep(hi / 5);
    for (double v = 0; v <= hi * 1.0001; v += step) {
      ticks.add(new Tick(y(v), label(v)));
    }
    return ticks;
  }

  /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw}. */
  static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw * 0.9999) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** "0.5 ms", "20 ms", "1.5 s". */
  static String label(double ms) {
    if (ms >= 1000) {
      return trim(ms / 1000) + " s";
    }
    return trim(ms) + " ms";
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
