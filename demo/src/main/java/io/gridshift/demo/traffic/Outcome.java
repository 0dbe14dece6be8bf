package io.gridshift.demo.traffic;

/** How a probe operation ended. Everything but {@link #OK} counts as an error. */
public enum Outcome {
  /** The grid answered as expected. */
  OK,
  /** The grid failed the operation (exception, timeout) or the probe could not run it in time. */
  ERROR,
  /** A read returned a version older than the last acknowledged write, or a foreign value. */
  STALE,
  /** A read found no entry for a key whose write had been acknowledged. */
  MISSING
}
