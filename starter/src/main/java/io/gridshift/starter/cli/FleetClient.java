package io.gridshift.starter.cli;

import io.gridshift.starter.FleetSummary;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetStatus;
import java.util.List;

/**
 * What the CLI does with fleet runs, over the same transport as its {@link UpgradeClient}: Temporal
 * directly ({@link DirectFleetClient}) or the REST service ({@link RestFleetClient}). Failures are
 * {@link CliException}s with the upgrade commands' exit codes.
 */
interface FleetClient {

  /**
   * Starts the fleet {@code specText} describes (the spec file as a person wrote it, YAML or JSON).
   *
   * @param dryRun when true, only plans: the result carries the plan and nothing changes
   */
  Started start(String specText, boolean dryRun);

  /** The fleet's status: stages, grids, budget, agents, open gate, audit. */
  FleetStatus status(String workflowId);

  /** Fleet runs and dry runs, newest first. */
  List<FleetSummary> list();

  /** Approves ({@code approve = true}) or rejects the open fleet gate {@code gate}. */
  AuditEntry decide(String workflowId, String gate, boolean approve, String comment);

  /** Pauses, resumes or aborts ({@code action}) the fleet. */
  AuditEntry control(String workflowId, String action, String comment);

  /** Skips or retries ({@code action}) the grid {@code cluster/namespace/name}. */
  AuditEntry grid(String workflowId, String action, String grid, String comment);

  /**
   * A started fleet (or a finished dry run).
   *
   * @param workflowId the fleet run's workflow id
   * @param location where to follow it (the REST URL), or null
   * @param plan for a dry run: its final status with the plan; null otherwise
   * @param refusal for a dry run that would not start the fleet: why; null otherwise
   */
  record Started(String workflowId, String location, FleetStatus plan, String refusal) {}
}
