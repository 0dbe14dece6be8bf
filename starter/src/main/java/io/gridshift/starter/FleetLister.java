package io.gridshift.starter;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists fleet runs the way {@link UpgradeLister} lists upgrades ({@link WorkflowExecutions}: one
 * visibility query on a real server, open and closed executions filtered here on the test server),
 * newest first, dry runs included. A run that continued as new is the same fleet, carried on by a
 * newer run of the same id: only the newest run of an id is listed. Name and dry-run come from the
 * memo gridshift writes at start, else from the spec in the first history event; running fleets are
 * queried (bounded) for their phase, stage, open gate and grid counts.
 */
final class FleetLister {
  /** How many fleet runs a listing returns at most. */
  static final int LIMIT = 100;

  /** Selects fleet runs on a server with visibility queries. */
  static final String VISIBILITY_QUERY =
      "WorkflowType = '" + FleetUpgradeWorkflow.TYPE + "' ORDER BY StartTime DESC";

  private final WorkflowClient client;
  private final WorkflowExecutions executions;

  FleetLister(WorkflowClient client) {
    this.client = client;
    this.executions = new WorkflowExecutions(client);
  }

  List<FleetSummary> list() {
    List<FleetSummary> found = new ArrayList<>();
    for (WorkflowExecutionInfo info : executions.list(VISIBILITY_QUERY, null, LIMIT * 2)) {
      if (!FleetUpgradeWorkflow.TYPE.equals(info.getType().getName())
          || info.getStatus()
              == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
        continue;
      }
      found.add(
          summary(new WorkflowExecutionMetadata(info, client.getOptions().getDataConverter())));
    }
    found.sort(Comparator.comparing(FleetSummary::startedAt).reversed());
    return found.subList(0, Math.min(found.size(), LIMIT)).stream()
        .map(this::withLiveFields)
        .toList();
  }

  private FleetSummary summary(WorkflowExecutionMetadata meta) {
    String name = memo(meta, FleetService.MEMO_NAME);
    boolean dryRun = "true".equals(memo(meta, FleetService.MEMO_DRY_RUN));
    if (name == null) {
      // No memo (started by a schedule or the Temporal UI, or a listing without memos, like the
      // Java test server's): the spec is the workflow's first argument.
      JsonNode spec = executions.input(meta.getExecution());
      name = spec.path("name").isTextual() ? spec.path("name").asText() : null;
      dryRun = spec.path("dryRun").asBoolean(false);
    }
    boolean running = meta.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new FleetSummary(
        meta.getExecution().getWorkflowId(),
        name,
        UpgradeFilter.statusName(meta.getStatus()),
        String.valueOf(meta.getStartTime()),
        running || meta.getCloseTime() == null ? null : meta.getCloseTime().toString(),
        dryRun,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private FleetSummary withLiveFields(FleetSummary s) {
    if (!"RUNNING".equals(s.status())) {
      return s;
    }
    return executions
        .status(s.workflowId(), FleetStatus.class, UpgradeLister.QUERY_MILLIS)
        .map(status -> withLive(s, status))
        // No worker answering, or a query deadline: the listing still shows the fleet.
        .orElse(s);
  }

  private static FleetSummary withLive(FleetSummary s, FleetStatus status) {
    List<GridStatus> grids = status.grids() == null ? List.of() : status.grids();
    return new FleetSummary(
        s.workflowId(),
        s.name() != null ? s.name() : status.name(),
        s.status(),
        s.startedAt(),
        s.closedAt(),
        s.dryRun(),
        status.phase() == null ? null : status.phase().name(),
        status.currentStage(),
        status.openGate() == null ? null : status.openGate().name(),
        grids.size(),
        count(grids, "SUCCEEDED"),
        count(grids, "FAILED"));
  }

  private static int count(List<GridStatus> grids, String state) {
    return (int) grids.stream().filter(g -> state.equals(g.state())).count();
  }

  private static String memo(WorkflowExecutionMetadata meta, String key) {
    Object value = meta.getMemo(key, String.class);
    return value == null ? null : value.toString();
  }
}
