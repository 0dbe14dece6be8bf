package io.gridshift.workflows.fleet;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.OpenGate;
import java.util.List;
import java.util.Map;

/**
 * A fleet run's state, as the {@code status} query, the CLI, REST and the ops page show it. Times
 * are ISO-8601 instants (workflow time).
 *
 * @param fleetId the fleet workflow's id
 * @param name the spec's name
 * @param phase where the run stands
 * @param message what is happening or why it ended, in one sentence
 * @param currentStage the stage running, baking or waiting, or null
 * @param versions the target version per kind, as resolved at plan time
 * @param stages every stage in order
 * @param grids every grid the plan found (refused and unreachable ones included)
 * @param agents every cluster's agent as the plan (and later calls) saw it
 * @param budget the current stage's failure budget
 * @param openGate the fleet gate waiting for a decision, or null
 * @param paused whether a person paused the run
 * @param nextWindow when the next waiting grid's cluster window opens, or null
 * @param audit approvals, refusals, pause/resume/abort, skip/retry, with who and why
 */
public record FleetStatus(
    String fleetId,
    String name,
    FleetPhase phase,
    String message,
    String currentStage,
    Map<String, String> versions,
    List<StageStatus> stages,
    List<GridStatus> grids,
    List<AgentStatus> agents,
    Budget budget,
    OpenGate openGate,
    boolean paused,
    String nextWindow,
    List<AuditEntry> audit) {

  /** Where a fleet run stands. */
  public enum FleetPhase {
    PLANNING,
    PLANNED,
    WAITING_APPROVAL,
    RUNNING,
    BAKING,
    HALTED,
    COMPLETED,
    FAILED,
    ABORTED
  }

  /**
   * One stage.
   *
   * @param name the stage's name
   * @param state PENDING, WAITING_APPROVAL, RUNNING, BAKING, HALTED, DONE or SKIPPED
   * @param grids the grids (paths {@code cluster/namespace/name}) in this stage
   * @param startedAt when its first child started, or null
   * @param endedAt when its bake ended, or null
   * @param approvals the decisions on the gate before it
   */
  public record StageStatus(
      String name,
      String state,
      List<String> grids,
      String startedAt,
      String endedAt,
      List<AuditEntry> approvals) {}

  /**
   * One grid.
   *
   * @param cluster cluster
   * @param namespace namespace
   * @param name grid name
   * @param kind grid kind
   * @param stage the stage it belongs to, or null when refused at plan
   * @param from the version running before, as the plan read it
   * @param to the target version
   * @param state PENDING, WAITING_WINDOW, RUNNING, SUCCEEDED, FAILED, SKIPPED, UNREACHABLE or
   *     REFUSED
   * @param workflowId the child's workflow id (the single-upgrade id of this grid)
   * @param eligibleAt when it could first start (its stage running, a slot free, its window open),
   *     or null
   * @param startedAt when its child started, or null
   * @param endedAt when its child ended, or null
   * @param durationMs the child's run time, or null
   * @param message why it failed, was refused or skipped; null otherwise
   * @param agent the identity of the agent that served its cluster, or null
   */
  public record GridStatus(
      String cluster,
      String namespace,
      String name,
      String kind,
      String stage,
      String from,
      String to,
      String state,
      String workflowId,
      String eligibleAt,
      String startedAt,
      String endedAt,
      Long durationMs,
      String message,
      String agent) {
    /** {@code cluster/namespace/name}. */
    public String path() {
      return cluster + "/" + namespace + "/" + name;
    }
  }

  /**
   * One cluster's agent.
   *
   * @param cluster the cluster
   * @param taskQueue the queue its agent polls
   * @param state SEEN or MISSING
   * @param identity the agent that answered (process identity), or null
   * @param seenAt when it last answered, or null
   * @param message for MISSING: what to do
   */
  public record AgentStatus(
      String cluster,
      String taskQueue,
      String state,
      String identity,
      String seenAt,
      String message) {}

  /**
   * The current stage's failure budget.
   *
   * @param stage the stage
   * @param maxFailures failures it tolerates
   * @param failed failures so far
   */
  public record Budget(String stage, int maxFailures, int failed) {
    public int left() {
      return Math.max(0, maxFailures - failed);
    }
  }
}
