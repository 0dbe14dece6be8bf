package io.gridshift.demo.bench;

import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.hazelcast.HazelcastGates;
import io.gridshift.workflows.hazelcast.HazelcastKind;
import io.gridshift.workflows.infinispan.InfinispanGates;
import io.gridshift.workflows.infinispan.InfinispanKind;
import io.gridshift.workflows.infinispan.SyncOptions;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.gridshift.workflows.request.UpgradeRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The children's requests, the same for the floor and the fleet: every gate on the way AUTO (as a
 * fleet's children are by default; Hazelcast's resume-or-rollback, which opens only on a stuck
 * roll, cannot be AUTO and stays a person's), Infinispan's client drain shortened to {@code
 * drainSeconds} (the one wait a workflow makes with a timer), each kind to its {@link #TARGETS}
 * version.
 */
final class FleetScaleRequests {
  /** Target version per kind: what the simulated grids run is upgradable to it. */
  static final Map<String, String> TARGETS =
      Map.of(InfinispanKind.NAME, "15.0.21.Final", HazelcastKind.NAME, "5.3.8");

  /** Who asks, in the audit of every child. */
  static final String REQUESTED_BY = "fleet-scale";

  private FleetScaleRequests() {}

  /** Per kind, what a fleet spec's {@code childDefaults} say. */
  static Map<String, UpgradeRequest> childDefaults(int drainSeconds) {
    Map<String, UpgradeRequest> defaults = new LinkedHashMap<>();
    defaults.put(InfinispanKind.NAME, infinispan(null, null, drainSeconds));
    defaults.put(HazelcastKind.NAME, hazelcast(null, null));
    return defaults;
  }

  /** The request a fleet sends for {@code grid}: its kind's defaults, for that grid. */
  static UpgradeRequest forGrid(GridId grid, int drainSeconds) {
    ClusterRef cluster = new ClusterRef(grid.cluster(), grid.namespace());
    return switch (grid.kind()) {
      case InfinispanKind.NAME -> infinispan(cluster, grid.name(), drainSeconds);
      case HazelcastKind.NAME -> hazelcast(cluster, grid.name());
      default ->
          throw new IllegalArgumentException(
              "the benchmark simulates infinispan and hazelcast grids, not " + grid.kind());
    };
  }

  private static InfinispanUpgradeRequest infinispan(
      ClusterRef cluster, String grid, int drainSeconds) {
    return new InfinispanUpgradeRequest(
        cluster,
        grid,
        TARGETS.get(InfinispanKind.NAME),
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
        auto(InfinispanGates.ALL),
        null,
        REQUESTED_BY,
        null,
        null);
  }

  private static HazelcastUpgradeRequest hazelcast(ClusterRef cluster, String grid) {
    return new HazelcastUpgradeRequest(
        cluster,
        grid,
        null,
        TARGETS.get(HazelcastKind.NAME),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        auto(List.of(HazelcastGates.FIX_SETTINGS, HazelcastGates.CANARY)),
        null,
        REQUESTED_BY,
        null);
  }

  private static Map<String, GatePolicy> auto(List<String> gates) {
    Map<String, GatePolicy> all = new LinkedHashMap<>();
    gates.forEach(g -> all.put(g, GatePolicy.auto()));
    return all;
  }
}
