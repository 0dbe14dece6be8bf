package io.gridshift.workflows.common;

/** Where an upgrade stands as a whole. */
public enum Phase {
  PLANNING,
  PLANNED,
  RUNNING,
  WAITING_APPROVAL,
  PAUSED,
  COMPENSATING,
  /** After cutover a failure stops here: a person decides (nothing is rolled back silently). */
  NEEDS_ATTENTION,
  COMPLETED,
  ABORTED,
  FAILED
}
