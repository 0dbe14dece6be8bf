package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.FleetSpec.GridSelector;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which discovered grids each stage upgrades. Pure and deterministic: the same spec and the same
 * grids, in any order, give the same stages, so a plan shown before a run is the run's plan.
 *
 * <ol>
 *   <li>The fleet takes the grids its {@code grids} selector {@link #selects selects} (a grid of a
 *       cluster the spec does not list is never taken), sorted by cluster, namespace, name and
 *       kind.
 *   <li>Each stage, in spec order, looks at the grids no earlier stage took and keeps those its
 *       {@code select} matches (none: all of them).
 *   <li>It cuts them to its {@code count}, or to {@code percent} of them rounded up (at least one
 *       when any matched): 50% of 5 grids is 3. Percent is of the grids the stage's selector
 *       matches among those remaining, so {@code select: {clusters: [prod]}, percent: 50} is half
 *       of prod's remaining grids. With both count and percent (which the spec's problems refuse),
 *       the smaller cut wins. The first grids in the order of step 1 are kept.
 *   <li>Grids no stage took are {@link #unassigned} and are not upgraded: the plan lists them, so
 *       that a person can add a last stage without {@code select}, {@code count} or {@code
 *       percent}, which takes the rest.
 * </ol>
 */
public final class StageAssignment {
  /** The order of grids in every stage and list the plan shows. */
  public static final Comparator<DiscoveredGrid> ORDER =
      Comparator.comparing((DiscoveredGrid g) -> g.id().cluster(), nullsFirst())
          .thenComparing(g -> g.id().namespace(), nullsFirst())
          .thenComparing(g -> g.id().name(), nullsFirst())
          .thenComparing(g -> g.id().kind(), nullsFirst());

  private StageAssignment() {}

  /** The grids of each stage, one list per stage in spec order (empty lists included). */
  public static List<List<DiscoveredGrid>> assign(FleetSpec spec, List<DiscoveredGrid> grids) {
    List<DiscoveredGrid> remaining = new ArrayList<>(fleetGrids(spec, grids));
    List<List<DiscoveredGrid>> stages = new ArrayList<>();
    for (StageSpec stage : stages(spec)) {
      List<DiscoveredGrid> matched =
          remaining.stream().filter(g -> selects(spec, stage.select(), g)).toList();
      List<DiscoveredGrid> taken = List.copyOf(matched.subList(0, cut(stage, matched.size())));
      remaining.removeAll(taken);
      stages.add(taken);
    }
    return stages;
  }

  /** The grids the fleet selects that no stage takes (step 4), in the plan's order. */
  public static List<DiscoveredGrid> unassigned(FleetSpec spec, List<DiscoveredGrid> grids) {
    List<DiscoveredGrid> left = new ArrayList<>(fleetGrids(spec, grids));
    assign(spec, grids).forEach(left::removeAll);
    return List.copyOf(left);
  }

  /**
   * Whether {@code s} selects {@code g}: a null selector selects every grid; an explicit list
   * selects the grids it names (kind compared only when the entry gives one); otherwise every
   * criterion given must match (clusters by name, the cluster's labels from {@code
   * spec.clusters()}, kinds, namespaces, the workload's labels). A grid of a cluster the spec does
   * not list is never selected.
   */
  public static boolean selects(FleetSpec spec, GridSelector s, DiscoveredGrid g) {
    FleetCluster cluster = cluster(spec, g.id().cluster());
    if (cluster == null) {
      return false;
    }
    if (s == null) {
      return true;
    }
    if (s.explicit() != null && !s.explicit().isEmpty()) {
      return s.explicit().stream().anyMatch(id -> names(id, g.id()));
    }
    return (empty(s.clusters()) || s.clusters().contains(g.id().cluster()))
        && (empty(s.kinds()) || s.kinds().contains(g.id().kind()))
        && (empty(s.namespaces()) || s.namespaces().contains(g.id().namespace()))
        && holds(cluster.labels(), s.clusterLabels())
        && holds(g.labels(), s.labels());
  }

  /** How many of {@code matched} grids the stage keeps (step 3). */
  static int cut(StageSpec stage, int matched) {
    int keep = matched;
    if (stage.count() != null) {
      keep = Math.min(keep, Math.max(0, stage.count()));
    }
    if (stage.percent() != null) {
      int percent = Math.max(0, Math.min(100, stage.percent()));
      keep = Math.min(keep, (matched * percent + 99) / 100); // rounded up
    }
    return keep;
  }

  private static List<DiscoveredGrid> fleetGrids(FleetSpec spec, List<DiscoveredGrid> grids) {
    return grids.stream()
        .filter(Objects::nonNull)
        .filter(g -> selects(spec, spec.grids(), g))
        .distinct()
        .sorted(ORDER)
        .toList();
  }

  private static List<StageSpec> stages(FleetSpec spec) {
    return spec.stages() == null
        ? List.of()
        : spec.stages().stream().filter(Objects::nonNull).toList();
  }

  private static FleetCluster cluster(FleetSpec spec, String name) {
    if (spec.clusters() == null) {
      return null;
    }
    return spec.clusters().stream()
        .filter(c -> c != null && Objects.equals(c.name(), name))
        .findFirst()
        .orElse(null);
  }

  private static boolean names(GridId wanted, GridId found) {
    return wanted != null
        && Objects.equals(wanted.cluster(), found.cluster())
        && Objects.equals(wanted.namespace(), found.namespace())
        && Objects.equals(wanted.name(), found.name())
        && (wanted.kind() == null || wanted.kind().equals(found.kind()));
  }

  /** Whether {@code labels} has every entry of {@code wanted}. */
  static boolean holds(Map<String, String> labels, Map<String, String> wanted) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    return labels != null
        && wanted.entrySet().stream()
            .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
  }

  private static boolean empty(List<?> list) {
    return list == null || list.isEmpty();
  }

  private static Comparator<String> nullsFirst() {
    return Comparator.nullsFirst(Comparator.naturalOrder());
  }
}
