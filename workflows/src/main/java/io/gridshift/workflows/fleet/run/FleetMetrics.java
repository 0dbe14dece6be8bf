package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.GridshiftMetrics;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * A fleet run's metrics, from workflow code through {@code Workflow.getMetricsScope()} (silent
 * while replaying; no command in the history): stages completed, and the running stage's failure
 * budget and what of it is spent, as gauges labelled with the fleet's name.
 */
final class FleetMetrics {
  private FleetMetrics() {}

  /** A stage of {@code fleet} completed. */
  static void stageCompleted(String fleet) {
    scope(fleet).counter(GridshiftMetrics.FLEET_STAGES_COMPLETED).inc(1);
  }

  /**
   * The running stage of {@code fleet} tolerates {@code budget} failed grids; {@code failed} so
   * far.
   */
  static void budget(String fleet, int budget, int failed) {
    scope(fleet).gauge(GridshiftMetrics.FLEET_FAILURE_BUDGET).update(budget);
    scope(fleet).gauge(GridshiftMetrics.FLEET_FAILURES).update(failed);
  }

  private static com.uber.m3.tally.Scope scope(String fleet) {
    return Workflow.getMetricsScope()
        .tagged(Map.of(GridshiftMetrics.FLEET, GridshiftMetrics.label(fleet)));
  }
}
