package io.gridshift.workflows.common;

import io.gridshift.workflows.approval.ApprovalGuarded;
import io.gridshift.workflows.approval.Approvals;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The {@link GatedUpgrade} handlers every upgrade workflow shares: gate decisions (updates with
 * validators, and signals), pause, resume, abort (updates with validators, and signals). A workflow
 * implementation extends this, runs its steps through {@link #steps}, and answers {@code status()}.
 */
public abstract class GatedUpgradeHandlers implements GatedUpgrade, ApprovalGuarded {
  protected final StepTracker tracker;
  protected final Gatekeeper gates;
  protected final StepRunner steps;
  protected final UpgradeVisibility visibility;
  protected final UpgradeEvents events = new UpgradeEvents();

  /**
   * @param stepNames every step of the workflow, in order
   */
  protected GatedUpgradeHandlers(List<String> stepNames) {
    this(stepNames, VisibilityOptions.NONE);
  }

  /**
   * @param stepNames every step of the workflow, in order
   * @param offered what the worker offers: registered search attributes, notifications
   */
  protected GatedUpgradeHandlers(List<String> stepNames, VisibilityOptions offered) {
    this.tracker = new StepTracker(stepNames);
    this.gates = new Gatekeeper(tracker);
    this.steps = new StepRunner(tracker, gates);
    this.visibility = new UpgradeVisibility(tracker, offered);
    tracker.listener(visibility);
    gates.listener(UpgradeListener.both(visibility, events));
    steps.events(events);
  }

  @Override
  public void approvals(Approvals approvals) {
    gates.approvals(approvals);
  }

  /**
   * Call when the upgrade ended (phase and message set): notifies, except for dry runs, and lets
   * the last Kubernetes Events go out.
   */
  protected void finished() {
    gates.ended(tracker.phase());
    visibility.finished(tracker.phase(), tracker.message());
    events.flush();
  }

  @Override
  public AuditEntry approve(GateDecision decision) {
    return gates.decide(decision, true);
  }

  @Override
  public void validateApprove(GateDecision decision) {
    gates.validate(decision, true);
  }

  @Override
  public AuditEntry reject(GateDecision decision) {
    return gates.decide(decision, false);
  }

  @Override
  public void validateReject(GateDecision decision) {
    gates.validate(decision, false);
  }

  @Override
  public void approveSignal(GateDecision decision) {
    gates.decideBySignal(decision, true);
  }

  @Override
  public void rejectSignal(GateDecision decision) {
    gates.decideBySignal(decision, false);
  }

  @Override
  public void pause(OperatorAction action) {
    gates.pause(action);
  }

  @Override
  public void resume(OperatorAction action) {
    gates.resume(action);
  }

  @Override
  public void abort(OperatorAction action) {
    if (gates.abort(action)) {
      steps.interrupt("aborted by " + action.by());
    }
  }

  @Override
  public AuditEntry pauseUpdate(OperatorAction action) {
    return actOn(OperatorAction.Verb.PAUSE, action, () -> pause(action));
  }

  @Override
  public void validatePause(OperatorAction action) {
    requireAccepted(OperatorAction.Verb.PAUSE, action);
  }

  @Override
  public AuditEntry resumeUpdate(OperatorAction action) {
    return actOn(OperatorAction.Verb.RESUME, action, () -> resume(action));
  }

  @Override
  public void validateResume(OperatorAction action) {
    requireAccepted(OperatorAction.Verb.RESUME, action);
  }

  @Override
  public AuditEntry abortUpdate(OperatorAction action) {
    return actOn(OperatorAction.Verb.ABORT, action, () -> abort(action));
  }

  @Override
  public void validateAbort(OperatorAction action) {
    requireAccepted(OperatorAction.Verb.ABORT, action);
  }

  private void requireAccepted(OperatorAction.Verb verb, OperatorAction a) {
    String refusal = gates.refusal(verb, a);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  /**
   * Runs the signal handler of an accepted update and answers with the audit entry it wrote. Checks
   * again first (as {@link Gatekeeper#decide} does): a signal may have changed the state since the
   * validator ran; a refusal here fails the update, not the workflow.
   */
  private AuditEntry actOn(OperatorAction.Verb verb, OperatorAction a, Runnable handler) {
    String refusal = gates.refusal(verb, a);
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, FailureTypes.DECISION_REFUSED);
    }
    handler.run();
    List<AuditEntry> audit = gates.audit();
    return audit.get(audit.size() - 1);
  }
}
