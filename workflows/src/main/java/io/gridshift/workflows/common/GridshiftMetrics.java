package io.gridshift.workflows.common;

import java.util.Set;

/**
 * The names and labels of gridshift's own metrics, as the SDK's metrics scope takes them (tally
 * names; the Prometheus registry adds {@code _total} to counters and {@code _seconds} to timers, so
 * {@link #UPGRADES_STARTED} is scraped as {@code gridshift_upgrades_started_total} and {@link
 * #STEP_DURATION} as the histogram {@code gridshift_step_duration_seconds}). Workflow code reports
 * through {@code Workflow.getMetricsScope()} (silent while replaying, so nothing counts twice),
 * activities through their execution context's scope; the worker keeps only the {@link #LABELS} on
 * these metrics (the SDK's own tags, such as task queue and namespace, are dropped).
 */
public final class GridshiftMetrics {
  /** Every gridshift metric name starts with this. */
  public static final String PREFIX = "gridshift_";

  /** Counter {kind, cluster}: an upgrade (not a dry run) began. */
  public static final String UPGRADES_STARTED = "gridshift_upgrades_started";

  /** Counter {kind, cluster}: an upgrade completed. */
  public static final String UPGRADES_COMPLETED = "gridshift_upgrades_completed";

  /** Counter {kind, cluster}: an upgrade ended FAILED or NEEDS_ATTENTION. */
  public static final String UPGRADES_FAILED = "gridshift_upgrades_failed";

  /** Timer {kind, step}: how long a step ran, whatever its end. */
  public static final String STEP_DURATION = "gridshift_step_duration";

  /** Timer {kind, gate}: how long a gate that needs a person waited for its end. */
  public static final String GATE_WAIT = "gridshift_gate_wait";

  /** Counter {kind, gate}: a gate's deadline passed with no decision (once per reminder). */
  public static final String GATE_OVERDUE = "gridshift_gate_overdue";

  /** Gauge {cluster, cache}: entries per second of the latest sync-data of that cache. */
  public static final String SYNC_DATA_RATE = "gridshift_sync_data_entries_per_second";

  /** Counter {kind, cluster}: keys a verification found missing or different. */
  public static final String VERIFY_MISMATCHES = "gridshift_verify_mismatches";

  /** Counter {activity, failure_type}: an activity attempt failed. */
  public static final String ACTIVITY_FAILURES = "gridshift_activity_failures";

  /** Counter {fleet}: a fleet stage completed. */
  public static final String FLEET_STAGES_COMPLETED = "gridshift_fleet_stages_completed";

  /** Gauge {fleet}: how many failed grids the fleet tolerates. */
  public static final String FLEET_FAILURE_BUDGET = "gridshift_fleet_failure_budget";

  /** Gauge {fleet}: how many grids of the fleet failed so far. */
  public static final String FLEET_FAILURES = "gridshift_fleet_failures";

  /** Gauge {cluster}: 1 for each cluster a running worker or agent serves. */
  public static final String AGENT_INFO = "gridshift_agent_info";

  public static final String KIND = "kind";
  public static final String CLUSTER = "cluster";
  public static final String STEP = "step";
  public static final String GATE = "gate";
  public static final String CACHE = "cache";
  public static final String ACTIVITY = "activity";
  public static final String FAILURE_TYPE = "failure_type";
  public static final String FLEET = "fleet";

  /** The only labels gridshift's metrics carry. */
  public static final Set<String> LABELS =
      Set.of(KIND, CLUSTER, STEP, GATE, CACHE, ACTIVITY, FAILURE_TYPE, FLEET);

  private GridshiftMetrics() {}

  /** {@code value}, or {@code unknown} when absent (a label is never empty). */
  public static String label(String value) {
    return value == null || value.isBlank() ? "unknown" : value;
  }
}
