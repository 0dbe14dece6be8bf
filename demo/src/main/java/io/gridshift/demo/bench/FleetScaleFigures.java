package io.gridshift.demo.bench;

import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what the runs measured, and the histories the server kept, into the figures. */
final class FleetScaleFigures {
  private FleetScaleFigures() {}

  static FleetScaleResult result(
      FleetScaleOptions options,
      WorkflowClient client,
      RunFigures floor,
      RunFigures fleet,
      FleetScaleWorkerHandle.Heap heap,
      String loadAverage) {
    HistoryCounts histories = new HistoryCounts(client);
    // The fleet's children when it ran; the floor's otherwise (the same workflows and requests).
    RunFigures children = fleet != null ? fleet : floor;
    HistoryCounts.Summary child =
        children == null ? null : histories.latestRuns(children.childWorkflowIds());
    HistoryCounts.Summary fleetRuns =
        fleet == null ? null : HistoryCounts.Summary.of(fleet.parentEventsPerRun());
    Double ratio =
        fleet == null || floor == null ? null : fleet.wallSeconds() / floor.wallSeconds();
    return new FleetScaleResult(
        options.grids(),
        options.clusters(),
        fleet == null ? null : fleet.wallSeconds(),
        floor == null ? null : floor.wallSeconds(),
        ratio,
        fleet == null ? null : fleet.succeeded(),
        fleet == null ? null : fleet.failed(),
        floor == null ? null : floor.succeeded(),
        fleetRuns == null ? null : fleetRuns.histories(),
        fleetRuns == null ? null : fleetRuns.max(),
        fleetRuns == null ? null : fleetRuns.mean(),
        floor == null ? null : floor.parentEventsPerRun().get(0),
        child == null ? null : child.max(),
        child == null ? null : child.mean(),
        fleet == null ? null : fleet.maxPendingChildren(),
        floor == null ? null : floor.maxPendingChildren(),
        heap.peakMb(),
        heap.maxMb(),
        heap.ownJvm(),
        fleet == null ? null : FleetScaleResult.Percentiles.of(fleet.eligibleToStartMs()),
        fleet == null ? null : FleetScaleResult.Percentiles.of(fleet.slotRefillMs()),
        floor == null ? null : FleetScaleResult.Percentiles.of(floor.slotRefillMs()),
        loadAverage,
        children == null ? null : activityCalls(histories, children.childWorkflowIds()),
        UpgradeBenchResults.Machine.describe(),
        settings(options));
  }

  /** Per kind, the activities the first child of that kind scheduled. */
  private static Map<String, Integer> activityCalls(HistoryCounts histories, List<String> ids) {
    Map<String, Integer> calls = new LinkedHashMap<>();
    for (String kind : GridKinds.names()) {
      ids.stream()
          .filter(id -> id.startsWith(kind + "-upgrade-"))
          .findFirst()
          .ifPresent(id -> calls.put(kind, histories.activityCalls(id)));
    }
    return calls;
  }

  private static String settings(FleetScaleOptions options) {
    return options.window()
        + " children at once; each simulated wait "
        + options.pace().polls()
        + " polls of "
        + options.pace().pollMillis()
        + " ms; Infinispan client drain "
        + options.drainSeconds()
        + " s; worker "
        + (options.separateWorker() ? "in its own JVM, -Xmx" + options.workerHeap() : "in-process")
        + ", "
        + options.tuning();
  }

  /**
   * The machine's 1-minute load average now (the benchmark shares its cores with whatever runs).
   */
  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }
}
