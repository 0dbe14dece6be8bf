package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.fleet.FleetSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Each cluster's maintenance window, looked up by cluster name (no window: always open). */
final class Windows {
  private final Map<String, FleetSpec.MaintenanceWindow> byCluster = new HashMap<>();

  Windows(FleetSpec spec) {
    if (spec.clusters() != null) {
      spec.clusters().forEach(c -> byCluster.put(c.name(), c.window()));
    }
  }

  boolean isOpen(String cluster, Instant at) {
    return PlanRules.isOpen(byCluster.get(cluster), at);
  }

  /** When {@code cluster}'s window next opens ({@code from} when open), null when never. */
  Instant nextOpen(String cluster, Instant from) {
    return PlanRules.nextOpen(byCluster.get(cluster), from);
  }
}
