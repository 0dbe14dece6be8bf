package io.gridshift.starter.cli;

import io.gridshift.starter.UpgradeFilter;
import io.gridshift.starter.UpgradeSummary;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.UpgradeStatus;
import java.util.List;

/**
 * What the CLI does with upgrades, over one transport: Temporal directly ({@link DirectClient}) or
 * the gridshift REST service ({@link RestClient}). Failures are {@link CliException}s.
 */
interface UpgradeClient extends AutoCloseable {

  /**
   * Starts the upgrade described by {@code requestJson} (the request file as a person wrote it).
   *
   * @param dryRun when true, only plans: the result carries the plan and nothing changes
   */
  Started start(String requestJson, boolean dryRun);

  /** The upgrade's status: steps, open gate, audit log (running or finished upgrades). */
  UpgradeStatus status(String workflowId);

  /** Open and recent upgrades matching {@code filter}, newest first. */
  List<UpgradeSummary> list(UpgradeFilter filter);

  /**
   * Approves ({@code approve = true}) or rejects the open gate {@code gate}; the decision is
   * recorded under the transport's identity.
   */
  AuditEntry decide(String workflowId, String gate, boolean approve, String comment);

  /**
   * Pauses, resumes or aborts ({@code action}); returns the audit entry the upgrade recorded. A
   * refusal (resuming an upgrade that is not paused, say) is a {@link CliException} with the
   * upgrade's reason.
   */
  AuditEntry control(String workflowId, String action, String comment);

  /** The fleet commands over the same transport and identity. */
  FleetClient fleets();

  /** Releases connections. */
  @Override
  void close();

  /**
   * A started upgrade (or a finished dry run).
   *
   * @param workflowId the upgrade's workflow id
   * @param location where to follow it (the REST URL), or null
   * @param plan for a dry run: the final status with the plan; null otherwise
   * @param problems for a dry run whose plan is refused: every reason; empty otherwise
   */
  record Started(String workflowId, String location, UpgradeStatus plan, List<String> problems) {
    public Started {
      problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A started upgrade (not a dry run). */
    static Started upgrade(String workflowId, String location) {
      return new Started(workflowId, location, null, List.of());
    }
  }
}
