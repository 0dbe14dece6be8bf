package io.gridshift.workflows.common;

import java.util.List;

/**
 * What {@code status()} returns, for every grid kind: the fields every kind has, plus the kind's
 * own {@link UpgradeDetails}.
 *
 * @param workflowId the upgrade's workflow id
 * @param kind the grid kind's name ({@code infinispan}, {@code hazelcast})
 * @param phase the overall phase
 * @param currentStep the step running or waiting now, or null
 * @param steps every step in order
 * @param openGate the gate waiting for a decision, or null
 * @param audit the audit log, oldest first
 * @param paused whether a pause is in effect
 * @param message the latest noteworthy message: the plan summary, a failure and what to do
 * @param details the kind's plan and progress; null until the request was validated
 */
public record UpgradeStatus(
    String workflowId,
    String kind,
    Phase phase,
    String currentStep,
    List<StepStatus> steps,
    OpenGate openGate,
    List<AuditEntry> audit,
    boolean paused,
    String message,
    UpgradeDetails details) {

  /** The details as {@code type}, or null when there are none yet. */
  public <D extends UpgradeDetails> D details(Class<D> type) {
    return details == null ? null : type.cast(details);
  }
}
