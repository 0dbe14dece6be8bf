package io.gridshift.demo.traffic;

import java.time.Instant;

/**
 * One probe operation.
 *
 * @param startEpochMs when it was due (its slot in the fixed-rate schedule), epoch milliseconds;
 *     latency counts from here, so time spent waiting for a free worker is latency too
 * @param latencyMicros from due to done, in microseconds; -1 when the operation never reached the
 *     grid (the probe's backlog was full, or the probe stopped before running it)
 * @param kind read or write
 * @param outcome how it ended
 * @param error the error kind when it did not end {@link Outcome#OK} (an exception's simple class
 *     name, {@code STALE_READ}, {@code MISSING_KEY}, ...), {@code null} otherwise; the messages are
 *     kept in {@link TrafficRecord#errorGroups()}
 */
public record OpSample(
    long startEpochMs, long latencyMicros, OpKind kind, Outcome outcome, String error) {

  /** When the operation was due. */
  public Instant at() {
    return Instant.ofEpochMilli(startEpochMs);
  }

  /** Latency in milliseconds (0 when it never reached the grid). */
  public double latencyMs() {
    return Math.max(0, latencyMicros) / 1000.0;
  }

  /** True when the operation ended {@link Outcome#OK}. */
  public boolean ok() {
    return outcome == Outcome.OK;
  }

  /** True when the operation has a latency to report (it reached the grid). */
  boolean measured() {
    return latencyMicros >= 0;
  }
}
