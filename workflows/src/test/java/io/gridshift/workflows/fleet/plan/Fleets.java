package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.FleetSpec.GridSelector;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetSpec.VersionTarget;
import java.util.List;
import java.util.Map;

/** Specs, stages, selectors and grids for the plan tests. */
final class Fleets {
  static final List<String> KINDS = List.of("infinispan", "hazelcast");

  private Fleets() {}

  /** A valid spec: clusters eu-1 (prod), eu-2 (prod) and us-1 (staging), both kinds targeted. */
  static FleetSpec spec(List<StageSpec> stages) {
    return spec(null, stages);
  }

  static FleetSpec spec(GridSelector grids, List<StageSpec> stages) {
    return new FleetSpec(
        "nightly",
        "alice",
        List.of(
            new FleetCluster("eu-1", Map.of("env", "prod", "region", "eu"), null),
            new FleetCluster("eu-2", Map.of("env", "prod", "region", "eu"), null),
            new FleetCluster("us-1", Map.of("env", "staging", "region", "us"), null)),
        grids,
        Map.of(
            "infinispan", new VersionTarget("15.0.21.Final", null, null),
            "hazelcast", new VersionTarget(null, "5.3", List.of("5.3.2", "5.3.8"))),
        stages,
        null,
        null,
        null);
  }

  static StageSpec stage(String name, GridSelector select, Integer count, Integer percent) {
    return new StageSpec(name, select, count, percent, null, null, null, null, null);
  }

  static GridSelector clusters(String... names) {
    return new GridSelector(List.of(names), null, null, null, null, null);
  }

  static GridSelector kinds(String... kinds) {
    return new GridSelector(null, null, List.of(kinds), null, null, null);
  }

  static GridSelector clusterLabels(Map<String, String> labels) {
    return new GridSelector(null, labels, null, null, null, null);
  }

  static GridSelector labels(Map<String, String> labels) {
    return new GridSelector(null, null, null, null, labels, null);
  }

  static GridSelector namespaces(String... namespaces) {
    return new GridSelector(null, null, null, List.of(namespaces), null, null);
  }

  static GridSelector explicit(GridId... ids) {
    return new GridSelector(null, null, null, null, null, List.of(ids));
  }

  static DiscoveredGrid grid(String cluster, String namespace, String name, String kind) {
    return grid(cluster, namespace, name, kind, Map.of());
  }

  static DiscoveredGrid grid(
      String cluster, String namespace, String name, String kind, Map<String, String> labels) {
    return new DiscoveredGrid(new GridId(cluster, namespace, name, kind), "1.0", labels);
  }
}
