package io.gridshift.demo.bench;

import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.GridSelector;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetSpec.VersionTarget;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the fleet: a {@link FleetSpec} over every simulated cluster, stages canary (1 %) then the
 * rest, each {@code window} children at once, no bake, no approval gate, windows always open, the
 * children's gates AUTO.
 */
final class FleetScaleFleetRun {
  static final String NAME = "scale";
  static final String WORKFLOW_ID = FleetUpgradeWorkflow.workflowId(NAME);

  /** What the fleet appends to a grid's workflow id for its dry run. */
  static final String PLAN_SUFFIX = "-plan";

  private FleetScaleFleetRun() {}

  static FleetSpec spec(FleetScaleOptions options) {
    List<FleetCluster> clusters = new ArrayList<>();
    for (String cluster : options.fleet().clusterNames()) {
      clusters.add(new FleetCluster(cluster, Map.of(), null));
    }
    Map<String, VersionTarget> targets = new LinkedHashMap<>();
    FleetScaleRequests.TARGETS.forEach(
        (kind, v) -> targets.put(kind, new VersionTarget(v, null, null)));
    GridSelector everyGrid = new GridSelector(null, null, null, null, null, null);
    List<StageSpec> stages =
        List.of(
            new StageSpec("canary", null, null, 1, options.window(), null, null, null, null),
            new StageSpec("rest", null, null, null, options.window(), null, null, null, null));
    return new FleetSpec(
        NAME,
        FleetScaleRequests.REQUESTED_BY,
        clusters,
        everyGrid,
        targets,
        stages,
        FleetScaleRequests.childDefaults(options.drainSeconds()),
        false,
        false);
  }

  static RunFigures run(WorkflowClient client, FleetScaleOptions options) {
    FleetUpgradeWorkflow fleet =
        client.newWorkflowStub(
            FleetUpgradeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    long start = System.nanoTime();
    try (PendingChildrenSampler pending = new PendingChildrenSampler(client, WORKFLOW_ID)) {
      FleetStatus status = fleet.run(spec(options), null);
      double wall = (System.nanoTime() - start) / 1e9;
      List<GridStatus> grids = status.grids();
      int succeeded = (int) grids.stream().filter(g -> "SUCCEEDED".equals(g.state())).count();
      String firstFailure =
          grids.stream()
              .filter(g -> !"SUCCEEDED".equals(g.state()))
              .map(g -> g.path() + " " + g.state() + ": " + g.message())
              .findFirst()
              .orElse(null);
      HistoryCounts histories = new HistoryCounts(client);
      return new RunFigures(
          wall,
          succeeded,
          grids.size() - succeeded,
          firstFailure,
          pending.max(),
          histories.eventsPerRun(WORKFLOW_ID),
          grids.stream().map(GridStatus::workflowId).filter(id -> id != null).toList(),
          eligibleToStart(grids),
          histories.slotRefillMs(WORKFLOW_ID, PLAN_SUFFIX));
    }
  }

  /** Per grid whose child started: milliseconds from eligible to started. */
  static List<Long> eligibleToStart(List<GridStatus> grids) {
    List<Long> delays = new ArrayList<>();
    for (GridStatus g : grids) {
      if (g.eligibleAt() != null && g.startedAt() != null) {
        delays.add(
            Duration.between(Instant.parse(g.eligibleAt()), Instant.parse(g.startedAt()))
                .toMillis());
      }
    }
    return delays;
  }
}
