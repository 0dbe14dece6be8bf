package io.gridshift.workflows.common;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A test workflow that passes one gate through {@link Gatekeeper} under a policy that skipped
 * request validation, as raw JSON started from the Temporal UI would.
 */
@WorkflowInterface
public interface GateProbeWorkflow {
  String TASK_QUEUE = "gate-probe";

  /** Passes gate {@code gate} under {@code policy}; returns the outcome's name. */
  @WorkflowMethod
  String pass(GatePolicy policy);

  /** Approve or reject as a signal. */
  @SignalMethod
  void decide(GateDecision decision, boolean approve);

  /** Pause, resume or abort as a signal ({@code what}: pause, resume, abort). */
  @SignalMethod
  void act(String what, OperatorAction action);

  /** The audit log. */
  @QueryMethod
  List<AuditEntry> audit();

  /** How often the listener heard of the gate opening or expiring (each one a notification). */
  @QueryMethod
  int notifications();

  /** The open gate, or null. */
  @QueryMethod
  OpenGate openGate();
}
