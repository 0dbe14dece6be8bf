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
 *
 * <p>Pause, resume and abort exist twice too: as updates named {@code pause}, {@code resume} and
 * {@code abort} (the CLI and REST service use them: a refusal, such as resuming an upgrade that is
 * not paused, comes back to the caller with the reason) and as signals of the same names (the
 * Temporal UI), whose refusals are only audited.
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

  /**
   * Pause as an update: returns the PAUSED audit entry; the validator refuses it without an
   * identity or when the upgrade is already paused.
   */
  @UpdateMethod(name = "pause")
  AuditEntry pauseUpdate(OperatorAction action);

  /** Refuses a pause that cannot be accepted now (with a message saying why). */
  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(OperatorAction action);

  /**
   * Resume as an update: returns the RESUMED audit entry; the validator refuses it without an
   * identity or when the upgrade is not paused.
   */
  @UpdateMethod(name = "resume")
  AuditEntry resumeUpdate(OperatorAction action);

  /** Refuses a resume that cannot be accepted now (with a message saying why). */
  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(OperatorAction action);

  /**
   * Abort as an update: returns the ABORT_REQUESTED audit entry (the upgrade then stops as {@link
   * #abort} describes); the validator refuses it without an identity or when an abort is already
   * under way.
   */
  @UpdateMethod(name = "abort")
  AuditEntry abortUpdate(OperatorAction action);

  /** Refuses an abort that cannot be accepted now (with a message saying why). */
  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(OperatorAction action);

  /** The upgrade's state: phase, steps, per-cache/member progress, open gate, audit log. */
  @QueryMethod(name = "status")
  UpgradeStatus status();
}
