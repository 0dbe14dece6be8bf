package io.gridshift.workflows.fleet;

import io.gridshift.workflows.common.AuditEntry;
import java.util.List;
import java.util.Map;

/**
 * What a fleet run carries across continue-as-new: the plan and every grid's state so far, the
 * audit log, the stage it is in. Owned by {@link FleetUpgradeWorkflow}'s implementation. A run
 * continues as new only when none of its children is running, so nothing pending is carried.
 *
 * @param planning true while dry runs remain ({@code toPlan}); false once the stages run
 * @param versions the target version per kind, resolved once at plan time
 * @param grids every grid with its state (those of {@code toPlan} not yet dry-run)
 * @param toPlan paths of the grids whose dry run has not run yet, in order
 * @param stages every stage with its state
 * @param agents every cluster's agent as last seen
 * @param stage index of the stage running (0-based)
 * @param stageApprover who approved the running stage's gate (children's AUTO gates are theirs), or
 *     null when its gate has not passed yet
 * @param audit the audit log so far
 * @param paused whether a person paused the run
 * @param runs how many runs came before this one
 */
public record FleetCheckpoint(
    boolean planning,
    Map<String, String> versions,
    List<FleetStatus.GridStatus> grids,
    List<String> toPlan,
    List<FleetStatus.StageStatus> stages,
    List<FleetStatus.AgentStatus> agents,
    int stage,
    String stageApprover,
    List<AuditEntry> audit,
    boolean paused,
    int runs) {}
