package io.gridshift.demo.traffic;

import java.util.Arrays;

/**
 * Latency percentiles of a set of operations, in milliseconds rounded to 0.1 ms.
 *
 * @param ops how many operations they summarize (0: all values are 0)
 * @param p50 median, nearest rank
 * @param p99 99th percentile, nearest rank
 * @param max the slowest
 */
public record Percentiles(long ops, double p50, double p99, double max) {

  /** The percentiles of latencies given in microseconds (in any order; the array is sorted). */
  static Percentiles ofMicros(long[] micros) {
    if (micros.length == 0) {
      return new Percentiles(0, 0, 0, 0);
    }
    Arrays.sort(micros);
    return new Percentiles(
        micros.length,
        ms(nearestRank(micros, 50)),
        ms(nearestRank(micros, 99)),
        ms(micros[micros.length - 1]));
  }

  /** Nearest-rank percentile: the smallest value with at least {@code p}% of values at or below. */
  static long nearestRank(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  /** Microseconds to milliseconds with 0.1 ms precision. */
  static double ms(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }
}
