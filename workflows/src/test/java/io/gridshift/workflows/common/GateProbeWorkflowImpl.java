package io.gridshift.workflows.common;

import java.util.List;

/** Passes the gate {@value #GATE} with a {@link Gatekeeper}, counting what it would notify. */
public class GateProbeWorkflowImpl implements GateProbeWorkflow {
  static final String GATE = "cutover";

  private final StepTracker tracker = new StepTracker(List.of("gate"));
  private final Gatekeeper gates = new Gatekeeper(tracker);
  private int notifications;

  public GateProbeWorkflowImpl() {
    gates.listener(
        new UpgradeListener() {
          @Override
          public void gateOpened(OpenGate gate) {
            notifications++;
          }

          @Override
          public void gateExpired(OpenGate gate, String detail) {
            notifications++;
          }
        });
    gates.configure("alice", true);
  }

  @Override
  public String pass(GatePolicy policy) {
    return gates.pass(GATE, policy, Phase.WAITING_APPROVAL).outcome().name();
  }

  @Override
  public void decide(GateDecision decision, boolean approve) {
    gates.decideBySignal(decision, approve);
  }

  @Override
  public void act(String what, OperatorAction action) {
    switch (what) {
      case "pause" -> gates.pause(action);
      case "resume" -> gates.resume(action);
      default -> gates.abort(action);
    }
  }

  @Override
  public List<AuditEntry> audit() {
    return gates.audit();
  }

  @Override
  public int notifications() {
    return notifications;
  }

  @Override
  public OpenGate openGate() {
    return gates.openGate();
  }
}
