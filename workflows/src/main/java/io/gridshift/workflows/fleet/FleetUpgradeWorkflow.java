package io.gridshift.workflows.fleet;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OperatorAction;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Upgrades many grids over many clusters in stages, each grid as a child workflow of its kind with
 * the same id as a single upgrade of that grid. Runs on {@code gridshift-workflows}; discovery runs
 * on each cluster's agent queue. Workflow id: {@code fleet-<spec.name>}.
 *
 * <p>Every control exists as an update (the CLI and REST service: a refusal comes back with the
 * reason) and as a signal (the Temporal UI: a refusal is only audited), with who and why.
 */
@WorkflowInterface
public interface FleetUpgradeWorkflow {

  /** Workflow type name, as the Temporal UI and schedules start it. */
  String TYPE = "FleetUpgrade";

  /** The gate a halted fleet waits at: approve resumes (failed grids skipped), reject aborts. */
  String HALTED_GATE = "fleet-halted";

  /** The workflow id of the fleet named {@code name}. */
  static String workflowId(String name) {
    return "fleet-" + name;
  }

  /**
   * Runs the fleet. {@code carried} is null when a person or a schedule starts it, and holds the
   * state a continue-as-new carries otherwise. Returns the final status.
   */
  @WorkflowMethod(name = TYPE)
  FleetStatus run(FleetSpec spec, FleetCheckpoint carried);

  @UpdateMethod(name = "approve")
  AuditEntry approve(GateDecision decision);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(GateDecision decision);

  @UpdateMethod(name = "reject")
  AuditEntry reject(GateDecision decision);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(GateDecision decision);

  @SignalMethod(name = "approveSignal")
  void approveSignal(GateDecision decision);

  @SignalMethod(name = "rejectSignal")
  void rejectSignal(GateDecision decision);

  /** No new child starts until resumed; running children go on. */
  @UpdateMethod(name = "pause")
  AuditEntry pauseUpdate(OperatorAction action);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(OperatorAction action);

  @UpdateMethod(name = "resume")
  AuditEntry resumeUpdate(OperatorAction action);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(OperatorAction action);

  /** No new child starts; running children are asked to abort; the fleet ends as aborted. */
  @UpdateMethod(name = "abort")
  AuditEntry abortUpdate(OperatorAction action);

  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(OperatorAction action);

  @SignalMethod(name = "pause")
  void pause(OperatorAction action);

  @SignalMethod(name = "resume")
  void resume(OperatorAction action);

  @SignalMethod(name = "abort")
  void abort(OperatorAction action);

  /** Skips a grid that has not started (or failed, or is unreachable): it is not upgraded. */
  @UpdateMethod(name = "skip")
  AuditEntry skip(GridAction action);

  @UpdateValidatorMethod(updateName = "skip")
  void validateSkip(GridAction action);

  /** Queues a failed, skipped or unreachable grid again (in its stage, or the current one). */
  @UpdateMethod(name = "retry")
  AuditEntry retry(GridAction action);

  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry(GridAction action);

  @SignalMethod(name = "skipSignal")
  void skipSignal(GridAction action);

  @SignalMethod(name = "retrySignal")
  void retrySignal(GridAction action);

  /** Stages, per-grid state and duration, failures, budget left, next window, agents, audit. */
  @QueryMethod(name = "status")
  FleetStatus status();
}
