package io.gridshift.workflows.activities;

/**
 * The reasons of the Kubernetes Events gridshift writes, with their Event type. The reason strings
 * are a contract: people and alerts filter on them ({@code kubectl get events --field-selector
 * reason=GateOpened}).
 */
public enum GridEventReason {
  STEP_STARTED("StepStarted", false),
  STEP_COMPLETED("StepCompleted", false),
  STEP_FAILED("StepFailed", true),
  GATE_OPENED("GateOpened", false),
  GATE_APPROVED("GateApproved", false),
  GATE_REJECTED("GateRejected", true),
  GATE_EXPIRED("GateExpired", true),
  UPGRADE_FAILED("UpgradeFailed", true),
  COMPENSATING("Compensating", true),
  COMPENSATED("Compensated", false);

  /** The Events' {@code source.component} and {@code reportingComponent}. */
  public static final String REPORTING_CONTROLLER = "gridshift";

  private final String reason;
  private final boolean warning;

  GridEventReason(String reason, boolean warning) {
    this.reason = reason;
    this.warning = warning;
  }

  /** The Event's {@code reason}. */
  public String reason() {
    return reason;
  }

  /** The Event's {@code type}: {@code Warning} or {@code Normal}. */
  public String type() {
    return warning ? "Warning" : "Normal";
  }
}
