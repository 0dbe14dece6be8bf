package io.gridshift.workflows.common;

import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The {@link GatedUpgrade} handlers every upgrade workflow shares: gate decisions (updates with
 * validators, and signals), pause, resume, abort (updates with validators, and signals). A workflow
 * implementation extends this, runs its steps through {@link #steps}, and answers {@code status()}.
 */
public abstract class GatedUpgradeHandlers implements GatedUpgrade {
  protected final StepTracker tracker;
  protected final Gatekeeper gates;
  protected final StepRunner steps;
  protected final UpgradeVisibility visibility;

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
    gates.listener(visibility);
  }

  /** Call when the upgrade ended (phase and message set): notifies, except for dry runs. */
  protected void finished() {
    visibility.finished(tracker.phase(), tracker.message());
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
    return actOn(OperatorVerb.PAUSE, action, () -> pause(action));
  }

  @Override
  public void validatePause(OperatorAction action) {
    requireAccepted(OperatorVerb.PAUSE, action);
  }

  @Override
  public AuditEntry resumeUpdate(OperatorAction action) {
    return actOn(OperatorVerb.RESUME, action, () -> resume(action));
  }

  @Override
  public void validateResume(OperatorAction action) {
    requireAccepted(OperatorVerb.RESUME, action);
  }

  @Override
  public AuditEntry abortUpdate(OperatorAction action) {
    return actOn(OperatorVerb.ABORT, action, () -> abort(action));
  }

  @Override
  public void validateAbort(OperatorAction action) {
    requireAccepted(OperatorVerb.ABORT, action);
  }

  /** The operator actions an update can ask for. */
  private enum OperatorVerb {
    PAUSE,
    RESUME,
    ABORT
  }

  /**
   * Why {@code a} cannot be accepted now, or null when it can. Read-only, for the validators: the
   * same rules {@link Gatekeeper#pause}, {@link Gatekeeper#resume} and {@link Gatekeeper#abort}
   * apply to the signals (which audit a refusal instead of answering it).
   */
  private String refusal(OperatorVerb verb, OperatorAction a) {
    if (a == null || a.by() == null || a.by().isBlank()) {
      return "'by' is required: say who asks (it goes into the audit log)";
    }
    return switch (verb) {
      case PAUSE -> gates.paused() ? "already paused" : null;
      case RESUME -> gates.paused() ? null : "the upgrade is not paused";
      case ABORT ->
          gates.abortRequest() == null
              ? null
              : "an abort is already under way (requested by " + gates.abortRequest().by() + ")";
    };
  }

  private void requireAccepted(OperatorVerb verb, OperatorAction a) {
    String refusal = refusal(verb, a);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  /**
   * Runs the signal handler of an accepted update and answers with the audit entry it wrote. Checks
   * again first (as {@link Gatekeeper#decide} does): a signal may have changed the state since the
   * validator ran; a refusal here fails the update, not the workflow.
   */
  private AuditEntry actOn(OperatorVerb verb, OperatorAction a, Runnable handler) {
    String refusal = refusal(verb, a);
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, "DecisionRefused");
    }
    handler.run();
    List<AuditEntry> audit = gates.audit();
    return audit.get(audit.size() - 1);
  }
}
