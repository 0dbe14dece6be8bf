package io.gridshift.workflows.common;

import java.util.List;

/**
 * The {@link GatedUpgrade} handlers every upgrade workflow shares: gate decisions (updates with
 * validators, and signals), pause, resume, abort. A workflow implementation extends this, runs its
 * steps through {@link #steps}, and answers {@code status()}.
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
}
