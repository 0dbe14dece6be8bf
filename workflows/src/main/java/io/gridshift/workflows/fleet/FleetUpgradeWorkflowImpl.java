package io.gridshift.workflows.fleet;

import io.gridshift.workflows.approval.ApprovalGuarded;
import io.gridshift.workflows.approval.Approvals;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.plan.FleetSpecs;
import io.gridshift.workflows.fleet.run.FleetControls;
import io.gridshift.workflows.fleet.run.FleetRun;
import io.gridshift.workflows.fleet.run.FleetState;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import java.util.List;

/**
 * The fleet workflow: {@link FleetRun} runs it; this class answers the controls and the status.
 * Gate decisions, pause, resume and abort go through the same {@link Gatekeeper} the kinds use
 * (identity required, four-eyes, limits, the audit log); skip and retry through {@link
 * FleetControls}. Every accepted control wakes the run.
 */
public class FleetUpgradeWorkflowImpl implements FleetUpgradeWorkflow, ApprovalGuarded {
  private final VisibilityOptions offered;
  private final int historyBudget;
  private final Gatekeeper gates = new Gatekeeper(new StepTracker(List.of()));
  private FleetState state;
  private FleetRun run;
  private FleetControls controls;

  public FleetUpgradeWorkflowImpl(VisibilityOptions offered) {
    this(offered, FleetRun.HISTORY_BUDGET);
  }

  /**
   * A fleet whose runs keep within {@code historyBudget} history events instead of {@link
   * FleetRun#HISTORY_BUDGET}: tests register it through a factory to see a fleet continue as new
   * mid-stage without running thousands of children.
   */
  public FleetUpgradeWorkflowImpl(VisibilityOptions offered, int historyBudget) {
    this.offered = offered;
    this.historyBudget = historyBudget;
  }

  /** Registers the fleet workflow on {@code worker}, told what the worker offers. */
  public static void register(Worker worker, VisibilityOptions offered) {
    register(worker, offered, Approvals.OPEN);
  }

  /**
   * Registers the fleet workflow on {@code worker}, told what the worker offers; its stage gates
   * follow {@code approvals}.
   */
  public static void register(Worker worker, VisibilityOptions offered, Approvals approvals) {
    worker.registerWorkflowImplementationFactory(
        FleetUpgradeWorkflow.class,
        () -> approvals.applyTo(new FleetUpgradeWorkflowImpl(offered)),
        GridKinds.workflowOptions());
  }

  @Override
  public void approvals(Approvals approvals) {
    gates.approvals(approvals);
  }

  @Override
  public FleetStatus run(FleetSpec spec, FleetCheckpoint carried) {
    if (spec == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a fleet needs a spec: name, clusters, grids, targets, stages",
          FailureTypes.INVALID_REQUEST);
    }
    state = new FleetState(FleetSpecs.withDefaults(spec), gates);
    controls = new FleetControls(state);
    run = new FleetRun(state, offered, historyBudget);
    return run.run(carried);
  }

  @Override
  public AuditEntry approve(GateDecision decision) {
    return woken(gates.decide(decision, true));
  }

  @Override
  public void validateApprove(GateDecision decision) {
    gates.validate(decision, true);
  }

  @Override
  public AuditEntry reject(GateDecision decision) {
    return woken(gates.decide(decision, false));
  }

  @Override
  public void validateReject(GateDecision decision) {
    gates.validate(decision, false);
  }

  @Override
  public void approveSignal(GateDecision decision) {
    gates.decideBySignal(decision, true);
    woken(null);
  }

  @Override
  public void rejectSignal(GateDecision decision) {
    gates.decideBySignal(decision, false);
    woken(null);
  }

  @Override
  public AuditEntry pauseUpdate(OperatorAction action) {
    return acted(OperatorAction.Verb.PAUSE, action, () -> gates.pause(action));
  }

  @Override
  public void validatePause(OperatorAction action) {
    requireAccepted(OperatorAction.Verb.PAUSE, action);
  }

  @Override
  public AuditEntry resumeUpdate(OperatorAction action) {
    return acted(OperatorAction.Verb.RESUME, action, () -> gates.resume(action));
  }

  @Override
  public void validateResume(OperatorAction action) {
    requireAccepted(OperatorAction.Verb.RESUME, action);
  }

  @Override
  public AuditEntry abortUpdate(OperatorAction action) {
    return acted(OperatorAction.Verb.ABORT, action, () -> gates.abort(action));
  }

  @Override
  public void validateAbort(OperatorAction action) {
    requireAccepted(OperatorAction.Verb.ABORT, action);
  }

  @Override
  public void pause(OperatorAction action) {
    gates.pause(action);
    woken(null);
  }

  @Override
  public void resume(OperatorAction action) {
    gates.resume(action);
    woken(null);
  }

  @Override
  public void abort(OperatorAction action) {
    gates.abort(action);
    woken(null);
  }

  @Override
  public AuditEntry skip(GridAction action) {
    refuseNow(controls.refusal(action, true));
    return controls.skip(action);
  }

  @Override
  public void validateSkip(GridAction action) {
    requireAccepted(
        controls == null ? "the fleet has not started yet" : controls.refusal(action, true));
  }

  @Override
  public AuditEntry retry(GridAction action) {
    refuseNow(controls.refusal(action, false));
    return controls.retry(action);
  }

  @Override
  public void validateRetry(GridAction action) {
    requireAccepted(
        controls == null ? "the fleet has not started yet" : controls.refusal(action, false));
  }

  @Override
  public void skipSignal(GridAction action) {
    controls.bySignal(action, true);
  }

  @Override
  public void retrySignal(GridAction action) {
    controls.bySignal(action, false);
  }

  @Override
  public FleetStatus status() {
    if (state == null) {
      return null;
    }
    return state.status(run.budget());
  }

  private AuditEntry woken(AuditEntry entry) {
    if (state != null) {
      state.changed();
    }
    return entry;
  }

  private void requireAccepted(OperatorAction.Verb verb, OperatorAction a) {
    requireAccepted(gates.refusal(verb, a));
  }

  private static void requireAccepted(String refusal) {
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  private static void refuseNow(String refusal) {
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, FailureTypes.DECISION_REFUSED);
    }
  }

  /** Runs an accepted pause/resume/abort, checking again first, and answers its audit entry. */
  private AuditEntry acted(OperatorAction.Verb verb, OperatorAction a, Runnable handler) {
    refuseNow(gates.refusal(verb, a));
    handler.run();
    woken(null);
    List<AuditEntry> audit = gates.audit();
    return audit.get(audit.size() - 1);
  }
}
