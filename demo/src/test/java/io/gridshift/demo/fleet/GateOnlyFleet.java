package io.gridshift.demo.fleet;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.fleet.FleetCheckpoint;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.gridshift.workflows.fleet.GridAction;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in fleet run for the follower's tests: it opens one gate, named as its spec, and ends
 * COMPLETED when someone approves it, ABORTED when someone rejects it; every decision is in its
 * audit. Controls the follower never sends are refused.
 */
public class GateOnlyFleet implements FleetUpgradeWorkflow {
  private final List<AuditEntry> audit = new ArrayList<>();
  private String gate;
  private String fleetId;
  private FleetStatus.FleetPhase phase = FleetStatus.FleetPhase.PLANNING;

  @Override
  public FleetStatus run(FleetSpec spec, FleetCheckpoint carried) {
    fleetId = Workflow.getInfo().getWorkflowId();
    gate = spec.name();
    phase = FleetStatus.FleetPhase.WAITING_APPROVAL;
    Workflow.await(() -> gate == null);
    return status();
  }

  private AuditEntry decided(GateDecision d, boolean approve) {
    AuditEntry entry =
        new AuditEntry(
            Workflow.currentTimeMillis() + "",
            d.gate(),
            approve ? AuditEntry.Action.APPROVED : AuditEntry.Action.REJECTED,
            d.by(),
            d.comment(),
            null);
    audit.add(entry);
    phase = approve ? FleetStatus.FleetPhase.COMPLETED : FleetStatus.FleetPhase.ABORTED;
    gate = null;
    return entry;
  }

  @Override
  public AuditEntry approve(GateDecision decision) {
    return decided(decision, true);
  }

  @Override
  public void validateApprove(GateDecision decision) {
    validate(decision);
  }

  @Override
  public AuditEntry reject(GateDecision decision) {
    return decided(decision, false);
  }

  @Override
  public void validateReject(GateDecision decision) {
    validate(decision);
  }

  private void validate(GateDecision decision) {
    if (gate == null || !gate.equals(decision.gate())) {
      throw new IllegalStateException("gate " + decision.gate() + " is not open");
    }
  }

  @Override
  public FleetStatus status() {
    OpenGate open =
        gate == null
            ? null
            : new OpenGate(gate, "t0", "t1", GatePolicy.TimeoutAction.ABORT, "alice", false);
    return new FleetStatus(
        fleetId,
        "shop",
        phase,
        null,
        null,
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        open,
        false,
        null,
        List.copyOf(audit));
  }

  @Override
  public void approveSignal(GateDecision decision) {}

  @Override
  public void rejectSignal(GateDecision decision) {}

  @Override
  public AuditEntry pauseUpdate(OperatorAction action) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validatePause(OperatorAction action) {
    throw new IllegalStateException("not in this stand-in");
  }

  @Override
  public AuditEntry resumeUpdate(OperatorAction action) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateResume(OperatorAction action) {
    throw new IllegalStateException("not in this stand-in");
  }

  @Override
  public AuditEntry abortUpdate(OperatorAction action) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateAbort(OperatorAction action) {
    throw new IllegalStateException("not in this stand-in");
  }

  @Override
  public void pause(OperatorAction action) {}

  @Override
  public void resume(OperatorAction action) {}

  @Override
  public void abort(OperatorAction action) {}

  @Override
  public AuditEntry skip(GridAction action) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateSkip(GridAction action) {
    throw new IllegalStateException("not in this stand-in");
  }

  @Override
  public AuditEntry retry(GridAction action) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateRetry(GridAction action) {
    throw new IllegalStateException("not in this stand-in");
  }

  @Override
  public void skipSignal(GridAction action) {}

  @Override
  public void retrySignal(GridAction action) {}
}
