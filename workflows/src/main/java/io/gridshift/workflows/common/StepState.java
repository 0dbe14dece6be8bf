package io.gridshift.workflows.common;

/** The state of one step of an upgrade. */
public enum StepState {
  PENDING,
  RUNNING,
  WAITING_APPROVAL,
  SUCCEEDED,
  SKIPPED,
  FAILED,
  COMPENSATED
}
