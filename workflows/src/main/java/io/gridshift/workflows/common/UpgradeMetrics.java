package io.gridshift.workflows.common;

import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * An upgrade's metrics, reported from workflow code through {@code Workflow.getMetricsScope()}:
 * that scope says nothing while the workflow replays, so a counter moves once per real event
 * however often the history is replayed, and reporting adds no command to the history (no {@code
 * getVersion} needed). Durations are workflow time. Names and labels: {@link GridshiftMetrics}.
 */
public final class UpgradeMetrics {
  /** Reports nothing: for the parts of an upgrade built outside a kind (tests). */
  public static final UpgradeMetrics NONE = new UpgradeMetrics(null);

  private final String kind;

  /**
   * @param kind the kind's name, the {@code kind} label of every metric
   */
  public UpgradeMetrics(String kind) {
    this.kind = kind;
  }

  /** An upgrade of a grid in {@code cluster} began. */
  public void started(String cluster) {
    count(GridshiftMetrics.UPGRADES_STARTED, GridshiftMetrics.CLUSTER, cluster, 1);
  }

  /** An upgrade of a grid in {@code cluster} ended in {@code phase}. */
  public void ended(String cluster, Phase phase) {
    if (phase == Phase.COMPLETED) {
      count(GridshiftMetrics.UPGRADES_COMPLETED, GridshiftMetrics.CLUSTER, cluster, 1);
    } else if (phase == Phase.FAILED || phase == Phase.NEEDS_ATTENTION) {
      count(GridshiftMetrics.UPGRADES_FAILED, GridshiftMetrics.CLUSTER, cluster, 1);
    }
  }

  /** {@code step} ran for {@code millis} (workflow time). */
  public void stepEnded(String step, long millis) {
    time(GridshiftMetrics.STEP_DURATION, GridshiftMetrics.STEP, step, millis);
  }

  /** Gate {@code gate} waited {@code millis} for its end. */
  public void gateEnded(String gate, long millis) {
    time(GridshiftMetrics.GATE_WAIT, GridshiftMetrics.GATE, gate, millis);
  }

  /** Gate {@code gate} passed its deadline with no decision. */
  public void gateOverdue(String gate) {
    count(GridshiftMetrics.GATE_OVERDUE, GridshiftMetrics.GATE, gate, 1);
  }

  /** A verification of the grid in {@code cluster} found {@code keys} missing or different. */
  public void verifyMismatches(String cluster, long keys) {
    if (keys > 0) {
      count(GridshiftMetrics.VERIFY_MISMATCHES, GridshiftMetrics.CLUSTER, cluster, keys);
    }
  }

  private void count(String name, String label, String value, long delta) {
    if (kind != null) {
      scope(label, value).counter(name).inc(delta);
    }
  }

  private void time(String name, String label, String value, long millis) {
    if (kind != null) {
      scope(label, value).timer(name).record(Duration.ofMillis(Math.max(0, millis)));
    }
  }

  private Scope scope(String label, String value) {
    return Workflow.getMetricsScope()
        .tagged(Map.of(GridshiftMetrics.KIND, kind, label, GridshiftMetrics.label(value)));
  }
}
