package io.gridshift.demo.chaos;

/**
 * The faults {@link KubeFaultProxy} injects. A reset is two kinds because they test different
 * things: before forwarding, the write never happened; after forwarding, it happened but the client
 * never heard, so a retry must converge instead of doing it twice.
 */
public enum KubeFault {
  /** Passed through untouched. */
  NONE,
  /** HTTP 500 InternalError; the request is not forwarded. */
  HTTP_500,
  /** HTTP 409 Conflict, only for writes; not forwarded, as when a write loses a race. */
  CONFLICT_409,
  /** HTTP 429 TooManyRequests with {@code Retry-After: 1}; not forwarded. */
  THROTTLE_429,
  /** The client's connection reset before the request reaches the API. */
  RESET_BEFORE_FORWARD,
  /**
   * The request is served by the API, then the client's connection is reset instead of answered.
   */
  RESET_AFTER_FORWARD,
  /** Held for the mix's stall time, then forwarded. */
  STALL
}
