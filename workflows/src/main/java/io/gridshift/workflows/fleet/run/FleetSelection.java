package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.GridSelector;
import java.util.List;
import java.util.Map;

/** The fleet-wide selector ({@link FleetSpec#grids()}): which discovered grids take part. */
final class FleetSelection {
  private FleetSelection() {}

  /** Whether discovery should ask {@code cluster} at all. */
  static boolean asks(GridSelector s, FleetCluster cluster) {
    if (s == null) {
      return true;
    }
    if (notEmpty(s.explicit())) {
      return s.explicit().stream().anyMatch(g -> cluster.name().equals(g.cluster()));
    }
    return (!notEmpty(s.clusters()) || s.clusters().contains(cluster.name()))
        && labelsMatch(s.clusterLabels(), cluster.labels());
  }

  /** Whether {@code grid} (of a cluster discovery asked) takes part: a target for its kind. */
  static boolean selects(FleetSpec spec, DiscoveredGrid grid) {
    return spec.targets() != null
        && spec.targets().containsKey(grid.id().kind())
        && PlanRules.selects(spec, grid);
  }

  private static boolean labelsMatch(Map<String, String> wanted, Map<String, String> labels) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
  }

  private static boolean notEmpty(List<?> list) {
    return list != null && !list.isEmpty();
  }
}
