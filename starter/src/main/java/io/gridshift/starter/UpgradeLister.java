package io.gridshift.starter;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.workflows.common.UpgradeStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Lists upgrades. On a real Temporal server and in the sandbox one visibility query
 * (ListWorkflowExecutions) selects the upgrade workflow types and the status; where visibility
 * queries are not implemented (a bare Java test server answers UNIMPLEMENTED) it lists open and
 * closed executions and filters the types and the status here ({@link WorkflowExecutions}).
 * Cluster, namespace and grid come from the memo gridshift writes at start (no extra call), or, for
 * an upgrade started elsewhere (the Temporal UI), from the request in its first history event. Dry
 * runs are listed too (marked {@code dryRun}): one that never finishes planning, say because no
 * worker serves its cluster, must not be invisible. Only running upgrades are queried, for their
 * phase, current step and open gate, each query bounded to {@value #QUERY_MILLIS} ms.
 */
final class UpgradeLister {
  /** How many upgrades a listing returns at most, newest first. */
  static final int LIMIT = 100;

  /** How long a listing waits for one running upgrade's status query. */
  static final long QUERY_MILLIS = 2000;

  private final WorkflowClient client;

  UpgradeLister(WorkflowClient client) {
    this.client = client;
  }

  /** Upgrades matching {@code filter}, newest first, at most {@link #LIMIT}. */
  public List<UpgradeSummary> list(UpgradeFilter filter) {
    List<UpgradeSummary> found = new ArrayList<>();
    for (WorkflowExecutionInfo info : executions(filter)) {
      if (!UpgradeFilter.WORKFLOW_TYPES.contains(info.getType().getName())) {
        continue;
      }
      WorkflowExecutionMetadata meta =
          new WorkflowExecutionMetadata(info, client.getOptions().getDataConverter());
      UpgradeSummary summary = summary(meta);
      if (filter.matches(summary)) {
        found.add(summary);
      }
    }
    found.sort(Comparator.comparing(UpgradeSummary::startedAt).reversed());
    List<UpgradeSummary> page = found.subList(0, Math.min(found.size(), LIMIT));
    return page.stream().map(this::withLiveFields).toList();
  }

  private List<WorkflowExecutionInfo> executions(UpgradeFilter filter) {
    return new WorkflowExecutions(client)
        .list(filter.visibilityQuery(), filter.executionStatus(), LIMIT * 2);
  }

  /** The summary of one upgrade execution (or dry run). */
  private UpgradeSummary summary(WorkflowExecutionMetadata meta) {
    String type = meta.getWorkflowType();
    String kind = memo(meta, UpgradeService.MEMO_KIND);
    String cluster = memo(meta, UpgradeService.MEMO_CLUSTER);
    String namespace = memo(meta, UpgradeService.MEMO_NAMESPACE);
    String grid = memo(meta, UpgradeService.MEMO_GRID);
    boolean dryRun = "true".equals(memo(meta, UpgradeService.MEMO_DRY_RUN));
    if (grid == null) {
      // No memo (started from the Temporal UI, or a server whose listing leaves memos out, like
      // the Java test server): the request is the workflow's input.
      JsonNode request = input(meta.getExecution());
      cluster = text(request.path("cluster").path("cluster"));
      namespace = text(request.path("cluster").path("namespace"));
      namespace = namespace == null && cluster != null ? "default" : namespace;
      grid = text(request.path("grid"));
      dryRun = request.path("dryRun").asBoolean(false);
    }
    boolean running = meta.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new UpgradeSummary(
        meta.getExecution().getWorkflowId(),
        kind != null ? kind : type.replace("Upgrade", "").toLowerCase(Locale.ROOT),
        cluster,
        namespace,
        grid,
        UpgradeFilter.statusName(meta.getStatus()),
        String.valueOf(meta.getStartTime()),
        running || meta.getCloseTime() == null ? null : meta.getCloseTime().toString(),
        null,
        null,
        dryRun,
        null);
  }

  /** The workflow's input (the request); missing when unreadable. */
  private JsonNode input(WorkflowExecution execution) {
    return new WorkflowExecutions(client).input(execution);
  }

  /** Adds the current step and open gate of a running upgrade (a bounded status query). */
  private UpgradeSummary withLiveFields(UpgradeSummary summary) {
    if (!"RUNNING".equals(summary.status())) {
      return summary;
    }
    return new WorkflowExecutions(client)
        .status(summary.workflowId(), UpgradeStatus.class, QUERY_MILLIS)
        .map(
            status ->
                summary.withLive(
                    status.currentStep(),
                    status.openGate() == null ? null : status.openGate().name(),
                    status.phase() == null ? null : status.phase().name()))
        // No worker answering, or a query deadline: the listing still shows the upgrade.
        .orElse(summary);
  }

  private static String memo(WorkflowExecutionMetadata meta, String key) {
    Object value = meta.getMemo(key, String.class);
    return value == null ? null : value.toString();
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
