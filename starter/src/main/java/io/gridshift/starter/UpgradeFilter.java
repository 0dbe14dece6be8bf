package io.gridshift.starter;

import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which upgrades a listing shows; a null or blank field does not filter.
 *
 * @param cluster the cluster name
 * @param namespace the grid's namespace
 * @param grid the grid's name
 * @param status a workflow execution status: RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED,
 *     CONTINUED_AS_NEW or TIMED_OUT (case-insensitive)
 */
public record UpgradeFilter(String cluster, String namespace, String grid, String status) {

  /** The workflow types gridshift lists: every registered kind's ({@link GridKinds}). */
  public static final List<String> WORKFLOW_TYPES = GridKinds.workflowTypes();

  /** No filter: every upgrade. */
  public static UpgradeFilter all() {
    return new UpgradeFilter(null, null, null, null);
  }

  /** Problems with the filter (an unknown status), each saying what is allowed. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (present(status) && executionStatus() == null) {
      problems.add("status '" + status + "' is not a workflow status; use one of " + statusNames());
    }
    return problems;
  }

  /** Whether {@code summary} passes every field of this filter. */
  public boolean matches(UpgradeSummary summary) {
    return same(cluster, summary.cluster())
        && same(namespace, summary.namespace())
        && same(grid, summary.grid())
        && same(status, summary.status());
  }

  /**
   * The visibility query for a real Temporal server's ListWorkflowExecutions: the upgrade types and
   * the status. Cluster, namespace and grid are matched on the results (they are not search
   * attributes every server has).
   */
  public String visibilityQuery() {
    StringBuilder query = new StringBuilder("WorkflowType IN (");
    for (int i = 0; i < WORKFLOW_TYPES.size(); i++) {
      query.append(i == 0 ? "" : ", ").append('\'').append(WORKFLOW_TYPES.get(i)).append('\'');
    }
    query.append(')');
    WorkflowExecutionStatus s = executionStatus();
    if (s != null) {
      query.append(" AND ExecutionStatus = '").append(visibilityName(s)).append('\'');
    }
    return query.append(" ORDER BY StartTime DESC").toString();
  }

  /** The status as Temporal's enum, or null when not given or unknown. */
  public WorkflowExecutionStatus executionStatus() {
    if (!present(status)) {
      return null;
    }
    try {
      return WorkflowExecutionStatus.valueOf(
          "WORKFLOW_EXECUTION_STATUS_" + status.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The short status name gridshift shows for {@code s}, e.g. {@code RUNNING}. */
  public static String statusName(WorkflowExecutionStatus s) {
    return s.name().substring("WORKFLOW_EXECUTION_STATUS_".length());
  }

  private static List<String> statusNames() {
    return Arrays.stream(WorkflowExecutionStatus.values())
        .filter(
            s ->
                s != WorkflowExecutionStatus.UNRECOGNIZED
                    && s != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED)
        .map(UpgradeFilter::statusName)
        .toList();
  }

  /** Visibility spells statuses in CamelCase: Running, ContinuedAsNew, TimedOut. */
  private static String visibilityName(WorkflowExecutionStatus s) {
    StringBuilder name = new StringBuilder();
    for (String word : statusName(s).split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }

  private static boolean same(String wanted, String actual) {
    return !present(wanted) || wanted.trim().equalsIgnoreCase(actual);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
