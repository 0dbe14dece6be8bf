package io.gridshift.demo.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * How the faults of a {@link KubeFaultProxy} divide among kinds: relative weights (any non-negative
 * numbers, not necessarily summing to 1) and how long a stall holds a request. The proxy's rate
 * decides how many requests get a fault at all; this decides which one.
 *
 * @param http500 weight of HTTP 500 InternalError (not forwarded)
 * @param conflict409 weight of 409 Conflict (writes only, not forwarded)
 * @param throttle429 weight of 429 TooManyRequests with {@code Retry-After: 1} (not forwarded)
 * @param reset weight of connection resets (half before forwarding, half after)
 * @param stall weight of stalls (held for {@code stallFor}, then forwarded)
 * @param stallFor how long a stalled request is held
 */
public record FaultMix(
    double http500,
    double conflict409,
    double throttle429,
    double reset,
    double stall,
    Duration stallFor) {

  public FaultMix {
    Objects.requireNonNull(stallFor, "stallFor");
    double[] weights = {http500, conflict409, throttle429, reset, stall};
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            "fault weights must be finite and >= 0; got " + java.util.Arrays.toString(weights));
      }
    }
    if (http500 + conflict409 + throttle429 + reset + stall == 0) {
      throw new IllegalArgumentException(
          "at least one fault weight must be > 0 (set the proxy's rate to 0 for no faults)");
    }
    if (stallFor.isNegative()) {
      throw new IllegalArgumentException("stallFor must be >= 0; got " + stallFor);
    }
  }

  /** Every kind equally likely; a stall holds a request 3 s. */
  public static FaultMix standard() {
    return new FaultMix(1, 1, 1, 1, 1, Duration.ofSeconds(3));
  }

  /** Only one kind of fault (for tests and focused runs). */
  public static FaultMix only(KubeFault kind, Duration stallFor) {
    return new FaultMix(
        kind == KubeFault.HTTP_500 ? 1 : 0,
        kind == KubeFault.CONFLICT_409 ? 1 : 0,
        kind == KubeFault.THROTTLE_429 ? 1 : 0,
        kind == KubeFault.RESET_BEFORE_FORWARD || kind == KubeFault.RESET_AFTER_FORWARD ? 1 : 0,
        kind == KubeFault.STALL ? 1 : 0,
        stallFor);
  }
}
