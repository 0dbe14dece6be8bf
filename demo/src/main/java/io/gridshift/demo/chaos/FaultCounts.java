package io.gridshift.demo.chaos;

/**
 * How many faults a {@link KubeFaultProxy} injected, by kind.
 *
 * @param reset resets before and after forwarding together ({@link #resetAfterForward} of them
 *     after)
 */
public record FaultCounts(
    long http500,
    long conflict409,
    long throttle429,
    long reset,
    long stall,
    long resetAfterForward) {

  /** Every injected fault. */
  public long total() {
    return http500 + conflict409 + throttle429 + reset + stall;
  }
}
