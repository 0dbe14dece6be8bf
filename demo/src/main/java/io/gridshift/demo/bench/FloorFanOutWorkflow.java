package io.gridshift.demo.bench;

import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The floor of the fleet benchmark: the simplest parent that runs the same children as a fleet
 * (each grid's upgrade workflow of its kind), {@code window} at a time, with no fleet logic at all:
 * no discovery, no plan, no stages, no status, no continue-as-new. Whatever a fleet takes beyond
 * this is the fleet's own cost.
 */
@WorkflowInterface
public interface FloorFanOutWorkflow {

  /** Runs every child, at most {@code window} at once; returns how many succeeded and failed. */
  @WorkflowMethod(name = "FleetScaleFloor")
  FloorResult run(FloorPlan plan);

  /**
   * The children to run. A record, not a bare list argument: Jackson writes the {@code kind} of
   * each request only where the declared element type says {@link UpgradeRequest}.
   *
   * @param children every child's request, in start order
   * @param window at most this many at once
   */
  record FloorPlan(List<UpgradeRequest> children, int window) {}

  /**
   * What the floor run ended with.
   *
   * @param succeeded children that completed
   * @param failed children that failed, with the first failure's message in {@code firstFailure}
   * @param firstFailure null when none failed
   */
  record FloorResult(int succeeded, int failed, String firstFailure) {}
}
