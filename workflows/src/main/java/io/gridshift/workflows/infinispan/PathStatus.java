package io.gridshift.workflows.infinispan;

/** One check's verdict in the upgrade-path matrix ({@code bench/upgrade-paths}). */
public enum PathStatus {
  /** The check ran and passed. */
  PASS,
  /** The check ran and failed; the row's {@code detail} says how. */
  FAIL,
  /** The check did not run (not measured, or an earlier check failed). */
  NOT_RUN
}
