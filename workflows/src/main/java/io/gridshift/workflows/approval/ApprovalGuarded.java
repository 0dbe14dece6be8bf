package io.gridshift.workflows.approval;

/**
 * A workflow implementation whose gate decisions follow {@link Approvals}: the worker's
 * registration factory hands them to every instance it creates ({@link Approvals#applyTo}).
 */
public interface ApprovalGuarded {
  /** Decisions on this workflow's gates follow {@code approvals}; call before the workflow runs. */
  void approvals(Approvals approvals);
}
