package io.gridshift.starter;

/**
 * One fleet run in a listing ({@code GET /api/fleets}, {@code gridshift fleet list}).
 *
 * @param workflowId the fleet workflow's id ({@code fleet-<name>}, a dry run's ends {@code
 *     -dry-run-<random>})
 * @param name the fleet spec's name, or null when it cannot be told
 * @param status the workflow execution status: RUNNING, COMPLETED, FAILED, ...
 * @param startedAt ISO-8601 instant
 * @param closedAt ISO-8601 instant, or null while running
 * @param dryRun whether this is a dry run (listed too, so one that never finishes planning shows)
 * @param phase the fleet's phase (running fleets only), or null
 * @param currentStage the stage running, baking or waiting (running fleets only), or null
 * @param openGate the fleet gate waiting for a decision (running fleets only), or null
 * @param grids how many grids the plan found (running fleets only), or null
 * @param succeeded how many of them upgraded (running fleets only), or null
 * @param failed how many of them failed (running fleets only), or null
 */
public record FleetSummary(
    String workflowId,
    String name,
    String status,
    String startedAt,
    String closedAt,
    boolean dryRun,
    String phase,
    String currentStage,
    String openGate,
    Integer grids,
    Integer succeeded,
    Integer failed) {}
