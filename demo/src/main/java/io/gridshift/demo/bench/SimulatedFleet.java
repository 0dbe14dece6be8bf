package io.gridshift.demo.bench;

import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.hazelcast.HazelcastKind;
import io.gridshift.workflows.infinispan.InfinispanKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulated world of the benchmark: {@code clusters} clusters named {@code c01..}, and {@code
 * grids} grids dealt over them in turn (grid {@code i} to cluster {@code i mod clusters}), every
 * other one Infinispan ({@code dg-0001}) and Hazelcast ({@code hz-0002}), all in one namespace.
 * Pure: the worker and the driver build the same world from the same two numbers.
 *
 * @param grids how many grids
 * @param clusters how many clusters
 */
record SimulatedFleet(int grids, int clusters) {

  /** The namespace of the fleet run's grids. */
  static final String FLEET_NAMESPACE = "apps";

  /** The namespace of the floor run's grids: other workflow ids, the same grids otherwise. */
  static final String FLOOR_NAMESPACE = "floor";

  /** The namespace of the warm-up round's grids. */
  static final String WARM_UP_NAMESPACE = "warm-up";

  SimulatedFleet {
    if (clusters < 1 || grids < clusters) {
      throw new IllegalArgumentException(
          "need at least 1 cluster and at least one grid per cluster; got "
              + grids
              + " grids over "
              + clusters
              + " clusters");
    }
  }

  /** Every cluster's name, in order. */
  List<String> clusterNames() {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      names.add(clusterName(c));
    }
    return names;
  }

  /** Every grid of {@code cluster} in {@code namespace}. */
  List<GridId> gridsOf(String cluster, String namespace) {
    return gridIds(namespace).stream().filter(g -> g.cluster().equals(cluster)).toList();
  }

  /** Every grid, in {@code namespace}. */
  List<GridId> gridIds(String namespace) {
    List<GridId> ids = new ArrayList<>();
    for (int i = 1; i <= grids; i++) {
      boolean infinispan = i % 2 == 1;
      String name = String.format(Locale.ROOT, "%s-%04d", infinispan ? "dg" : "hz", i);
      String kind = infinispan ? InfinispanKind.NAME : HazelcastKind.NAME;
      ids.add(new GridId(clusterName(i % clusters), namespace, name, kind));
    }
    return ids;
  }

  private String clusterName(int index) {
    return String.format(Locale.ROOT, "c%02d", index + 1);
  }
}
