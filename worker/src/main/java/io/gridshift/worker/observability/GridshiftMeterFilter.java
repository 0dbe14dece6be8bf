package io.gridshift.worker.observability;

import io.gridshift.workflows.common.GridshiftMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.List;

/**
 * Shapes gridshift's own meters for Prometheus; the Temporal SDK's pass unchanged.
 *
 * <ol>
 *   <li>Only the labels of {@link GridshiftMetrics#LABELS} stay: the SDK's scopes add their own
 *       (namespace, task queue, workflow and activity type, worker type) to everything reported
 *       through them, and the contract's series carry only their own labels.
 *   <li>Timers ({@code gridshift_*_seconds}) publish histogram buckets from a second to a day:
 *       steps run seconds to hours, gates wait minutes to days; a fixed, short list keeps the
 *       series few.
 * </ol>
 */
final class GridshiftMeterFilter implements MeterFilter {
  /** The histogram buckets of gridshift's timers. */
  static final Duration[] BUCKETS = {
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(15),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2),
    Duration.ofHours(6),
    Duration.ofHours(24)
  };

  @Override
  public Meter.Id map(Meter.Id id) {
    if (!ours(id)) {
      return id;
    }
    List<Tag> kept =
        id.getTags().stream().filter(t -> GridshiftMetrics.LABELS.contains(t.getKey())).toList();
    return id.replaceTags(kept);
  }

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (!ours(id) || id.getType() != Meter.Type.TIMER) {
      return config;
    }
    double[] nanos = new double[BUCKETS.length];
    for (int i = 0; i < BUCKETS.length; i++) {
      nanos[i] = BUCKETS[i].toNanos();
    }
    return DistributionStatisticConfig.builder()
        .serviceLevelObjectives(nanos)
        .build()
        .merge(config);
  }

  private static boolean ours(Meter.Id id) {
    return id.getName().startsWith(GridshiftMetrics.PREFIX);
  }
}
