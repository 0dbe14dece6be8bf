package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.fleet.FleetSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Each cluster's maintenance window, looked up by cluster name (no window: always open).
 *
 * <p>The run asks for the next opening of every waiting grid's cluster on each event (a child's
 * end, a control); a closed window's search walks up to a year of days. So the answer is kept per
 * cluster: a window closed at {@code from} and next opening at {@code T} answers {@code T} for any
 * instant in {@code [from, T)} (it stays closed until then), and is searched again only from {@code
 * T} on.
 */
final class Windows {
  private final Map<String, FleetSpec.MaintenanceWindow> byCluster = new HashMap<>();
  private final Map<String, Closed> closed = new HashMap<>();

  /** A closed window seen at {@code since}, opening at {@code opens} (null: not within a year). */
  private record Closed(Instant since, Instant opens) {
    boolean holds(Instant t) {
      return !t.isBefore(since) && (opens == null || t.isBefore(opens));
    }
  }

  Windows(FleetSpec spec) {
    if (spec.clusters() != null) {
      spec.clusters().forEach(c -> byCluster.put(c.name(), c.window()));
    }
  }

  boolean isOpen(String cluster, Instant at) {
    Closed known = closed.get(cluster);
    if (known != null && known.holds(at)) {
      return false;
    }
    return PlanRules.isOpen(byCluster.get(cluster), at);
  }

  /** When {@code cluster}'s window next opens ({@code from} when open), null when never. */
  Instant nextOpen(String cluster, Instant from) {
    Closed known = closed.get(cluster);
    if (known != null && known.holds(from)) {
      return known.opens();
    }
    Instant opens = PlanRules.nextOpen(byCluster.get(cluster), from);
    if (opens == null || opens.isAfter(from)) {
      closed.put(cluster, new Closed(from, opens));
    }
    return opens;
  }
}
