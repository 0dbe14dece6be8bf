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
 *   <li>The SDK's schedule-to-start latencies (how long tasks wait for a worker: the sign of too
 *       few workers) publish buckets from 5 ms to a minute, for the dashboard's quantiles; its
 *       other timers stay summaries.
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

  /** The histogram buckets of the SDK's schedule-to-start latencies. */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
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
    if (id.getType() != Meter.Type.TIMER) {
      return config;
    }
    if (ours(id)) {
      return withBuckets(BUCKETS, config);
    }
    if (id.getName().startsWith("temporal_")
        && id.getName().endsWith("schedule_to_start_latency")) {
      return withBuckets(LATENCY_BUCKETS, config);
    }
    return config;
  }

  private static DistributionStatisticConfig withBuckets(
      Duration[] buckets, DistributionStatisticConfig config) {
    double[] nanos = new double[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      nanos[i] = buckets[i].toNanos();
    }
    // Only these buckets: the SDK's reporter asks for Micrometer's percentile histogram, which
    // would add some seventy more to every series.
    return DistributionStatisticConfig.builder()
        .percentilesHistogram(false)
        .serviceLevelObjectives(nanos)
        .build()
        .merge(config);
  }

  private static boolean ours(Meter.Id id) {
    return id.getName().startsWith(GridshiftMetrics.PREFIX);
  }
}
