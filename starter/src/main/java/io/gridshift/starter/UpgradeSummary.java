package io.gridshift.starter;

/**
 * One upgrade in a listing ({@code GET /api/upgrades}, {@code gridshift list}).
 *
 * @param workflowId the upgrade's workflow id
 * @param kind {@code infinispan} or {@code hazelcast}
 * @param cluster the cluster name, or null when it cannot be told
 * @param namespace the grid's namespace, or null when it cannot be told
 * @param grid the grid's name, or null when it cannot be told
 * @param status the workflow execution status: RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED,
 *     CONTINUED_AS_NEW, TIMED_OUT
 * @param startedAt ISO-8601 instant
 * @param closedAt ISO-8601 instant, or null while running
 * @param currentStep the step running or waiting now (running upgrades only), or null
 * @param openGate the name of the gate waiting for a decision (running upgrades only), or null
 * @param dryRun whether this is a dry run (its id ends {@code -dry-run-<random>}): listed too, so a
 *     dry run that never finishes planning can be seen
 * @param phase the upgrade's phase (running upgrades only: PLANNING, RUNNING, WAITING_APPROVAL,
 *     PAUSED, ...), or null
 */
public record UpgradeSummary(
    String workflowId,
    String kind,
    String cluster,
    String namespace,
    String grid,
    String status,
    String startedAt,
    String closedAt,
    String currentStep,
    String openGate,
    boolean dryRun,
    String phase) {

  /** This summary with the live fields a {@code status()} query gives. */
  public UpgradeSummary withLive(String currentStep, String openGate, String phase) {
    return new UpgradeSummary(
        workflowId,
        kind,
        cluster,
        namespace,
        grid,
        status,
        startedAt,
        closedAt,
        currentStep,
        openGate,
        dryRun,
        phase);
  }
}
