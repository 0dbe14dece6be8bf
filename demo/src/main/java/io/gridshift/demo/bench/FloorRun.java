package io.gridshift.demo.bench;

import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.List;

/** Runs the floor: every grid's child under the bare {@link FloorFanOutWorkflow}. */
final class FloorRun {
  static final String WORKFLOW_ID = "fleet-scale-floor";

  /** Grids of the warm-up round. */
  static final int WARM_UP_GRIDS = 10;

  private FloorRun() {}

  /** The floor over every grid (namespace {@link SimulatedFleet#FLOOR_NAMESPACE}). */
  static RunFigures run(WorkflowClient client, FleetScaleOptions options) {
    return run(client, options, SimulatedFleet.FLOOR_NAMESPACE, options.grids(), WORKFLOW_ID);
  }

  /**
   * A few children of each kind before anything is measured, in their own namespace: a cold JVM
   * (class loading, JIT) takes over a second for its first workflow tasks, which the SDK reports as
   * a potential deadlock and the server retries seconds later; neither run should pay that.
   */
  static RunFigures warmUp(WorkflowClient client, FleetScaleOptions options) {
    int grids = Math.min(WARM_UP_GRIDS, options.grids());
    return run(client, options, SimulatedFleet.WARM_UP_NAMESPACE, grids, WORKFLOW_ID + "-warm-up");
  }

  private static RunFigures run(
      WorkflowClient client, FleetScaleOptions options, String namespace, int grids, String id) {
    List<UpgradeRequest> children =
        options.fleet().gridIds(namespace).stream()
            .limit(grids)
            .map(g -> FleetScaleRequests.forGrid(g, options.drainSeconds()))
            .toList();
    FloorFanOutWorkflow floor =
        client.newWorkflowStub(
            FloorFanOutWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    FloorFanOutWorkflow.FloorResult result;
    long start = System.nanoTime();
    try (PendingChildrenSampler pending = new PendingChildrenSampler(client, id)) {
      result = floor.run(new FloorFanOutWorkflow.FloorPlan(children, options.window()));
      double wall = (System.nanoTime() - start) / 1e9;
      HistoryCounts histories = new HistoryCounts(client);
      return new RunFigures(
          wall,
          result.succeeded(),
          result.failed(),
          result.firstFailure(),
          pending.max(),
          histories.eventsPerRun(id),
          children.stream().map(r -> r.withDefaults().workflowId()).toList(),
          List.of(),
          histories.slotRefillMs(id, FleetScaleFleetRun.PLAN_SUFFIX));
    }
  }
}
