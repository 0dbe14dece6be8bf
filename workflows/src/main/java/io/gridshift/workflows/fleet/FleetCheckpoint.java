package io.gridshift.workflows.fleet;

/**
 * What a fleet run carries across continue-as-new: the plan and every grid's state so far, the
 * audit log, the stage it is in. Owned by {@link FleetUpgradeWorkflow}'s implementation.
 */
public record FleetCheckpoint() {}
