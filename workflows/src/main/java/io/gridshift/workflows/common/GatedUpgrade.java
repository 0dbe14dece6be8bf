package io.gridshift.workflows.common;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * The control surface every upgrade workflow shares: gates, pause/resume/abort and status. The same
 * names are used by the Temporal UI, the REST API and the CLI.
 *
 * <p>Approve/reject exist twice: as updates (the caller learns at once whether the decision was
 * accepted; a validator refuses a decision for a gate that is not open, without an identity, or by
 * the requester under four-eyes) and as signals (the Temporal UI sends signals more easily). A
 * signal that fails the same validation is recorded in the audit log as REFUSED with the reason and
 * never acted on.
 */
public interface GatedUpgrade {

  /** Approves the open gate. Returns the audit entry recorded. */
  @UpdateMethod(name = "approve")
  AuditEntry approve(GateDecision decision);

  /** Refuses an approval that cannot be accepted now (with a message saying why). */
  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(GateDecision decision);

  /** Rejects the open gate: the upgrade aborts (with compensation where that loses nothing). */
  @UpdateMethod(name = "reject")
  AuditEntry reject(GateDecision decision);

  /** Refuses a rejection that cannot be accepted now. */
  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(GateDecision decision);

  /** Approve as a signal (for the Temporal UI); validated like the update, refusals audited. */
  @SignalMethod(name = "approveSignal")
  void approveSignal(GateDecision decision);

  /** Reject as a signal (for the Temporal UI); validated like the update, refusals audited. */
  @SignalMethod(name = "rejectSignal")
  void rejectSignal(GateDecision decision);

  /** Pauses before the next step (the running step finishes). */
  @SignalMethod(name = "pause")
  void pause(OperatorAction action);

  /** Resumes a paused upgrade. */
  @SignalMethod(name = "resume")
  void resume(OperatorAction action);

  /**
   * Aborts: before cutover, traffic goes back to the source and the target is removed; after
   * cutover, the upgrade stops where it is (rolling back would lose writes made on the target).
   */
  @SignalMethod(name = "abort")
  void abort(OperatorAction action);

  /** The upgrade's state: phase, steps, per-cache/member progress, open gate, audit log. */
  @QueryMethod(name = "status")
  UpgradeStatus status();
}
