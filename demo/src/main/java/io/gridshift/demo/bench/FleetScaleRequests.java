package io.gridshift.demo.bench;

import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.run.ChildRequests;
import io.gridshift.workflows.hazelcast.HazelcastKind;
import io.gridshift.workflows.infinispan.InfinispanKind;
import io.gridshift.workflows.infinispan.SyncOptions;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.gridshift.workflows.request.UpgradeRequest;
import java.util.Map;

/**
 * The children's requests, the same for the floor and the fleet: built by the fleet's own rule
 * ({@link ChildRequests}: every gate AUTO but the kinds' question gates) from the same defaults, in
 * which only Infinispan's client drain is shortened to {@code drainSeconds} (the one wait a child
 * makes with a timer).
 */
final class FleetScaleRequests {
  /** Target version per kind: what the simulated grids run is upgradable to it. */
  static final Map<String, String> TARGETS =
      Map.of(InfinispanKind.NAME, "15.0.21.Final", HazelcastKind.NAME, "5.3.8");

  /** Who asks (and approves the children's AUTO gates), in the audit of every child. */
  static final String REQUESTED_BY = "fleet-scale";

  private FleetScaleRequests() {}

  /** Per kind, what the fleet spec's {@code childDefaults} say. */
  static Map<String, UpgradeRequest> childDefaults(int drainSeconds) {
    InfinispanUpgradeRequest infinispan =
        new InfinispanUpgradeRequest(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new SyncOptions(null, null, null, drainSeconds),
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return Map.of(InfinispanKind.NAME, infinispan);
  }

  /** The request the fleet sends for {@code grid}. */
  static UpgradeRequest forGrid(GridId grid, int drainSeconds) {
    return ChildRequests.of(
        grid,
        childDefaults(drainSeconds).get(grid.kind()),
        TARGETS.get(grid.kind()),
        REQUESTED_BY,
        false,
        REQUESTED_BY);
  }
}
