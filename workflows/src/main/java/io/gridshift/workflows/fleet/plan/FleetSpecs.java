package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.GridSelector;
import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetSpec.VersionTarget;
import io.gridshift.workflows.fleet.FleetSpec.WeeklySlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one place a {@link FleetSpec}'s defaults live. After {@link #withDefaults}, no list or map of
 * the spec is null, {@code fourEyes} and {@code dryRun} are set, and every stage has {@code
 * maxParallel} (1), {@code maxParallelPerCluster} (its maxParallel: no limit beyond it), {@code
 * maxFailures} ({@code "0"}) and {@code bake} ({@code "0s"}). A selector that was null is an empty
 * selector (selects everything); a window that was null stays null (always open), and a window's
 * zone defaults to {@code UTC}. Null entries inside lists are kept, so that {@link
 * FleetSpecProblems} can name them. Values the person gave are never changed.
 */
public final class FleetSpecs {
  /** A stage's default maxParallel: one grid at a time. */
  public static final int DEFAULT_MAX_PARALLEL = 1;

  /** A stage's default failure budget: none. */
  public static final String DEFAULT_MAX_FAILURES = "0";

  /** A stage's default bake: none. */
  public static final String DEFAULT_BAKE = "0s";

  /** A window's default time zone. */
  public static final String DEFAULT_TIME_ZONE = "UTC";

  private FleetSpecs() {}

  /** {@code spec} with every default applied; null stays null. */
  public static FleetSpec withDefaults(FleetSpec spec) {
    if (spec == null) {
      return null;
    }
    Map<String, VersionTarget> targets = new LinkedHashMap<>(orEmpty(spec.targets()));
    targets.replaceAll((kind, t) -> t == null ? null : targetWithDefaults(t));
    return new FleetSpec(
        spec.name(),
        spec.requestedBy(),
        map(spec.clusters(), FleetSpecs::clusterWithDefaults),
        selectorWithDefaults(spec.grids()),
        targets,
        map(spec.stages(), FleetSpecs::stageWithDefaults),
        new LinkedHashMap<>(orEmpty(spec.childDefaults())),
        spec.fourEyes() != null && spec.fourEyes(),
        spec.dryRun() != null && spec.dryRun());
  }

  static FleetCluster clusterWithDefaults(FleetCluster c) {
    return new FleetCluster(c.name(), orEmpty(c.labels()), windowWithDefaults(c.window()));
  }

  static MaintenanceWindow windowWithDefaults(MaintenanceWindow w) {
    if (w == null) {
      return null;
    }
    return new MaintenanceWindow(
        w.timeZone() == null || w.timeZone().isBlank() ? DEFAULT_TIME_ZONE : w.timeZone(),
        map(w.weekly(), s -> new WeeklySlot(orEmpty(s.days()), s.start(), s.end())),
        orEmpty(w.blackouts()));
  }

  static GridSelector selectorWithDefaults(GridSelector s) {
    if (s == null) {
      return new GridSelector(List.of(), Map.of(), List.of(), List.of(), Map.of(), List.of());
    }
    return new GridSelector(
        orEmpty(s.clusters()),
        orEmpty(s.clusterLabels()),
        orEmpty(s.kinds()),
        orEmpty(s.namespaces()),
        orEmpty(s.labels()),
        orEmpty(s.explicit()));
  }

  static VersionTarget targetWithDefaults(VersionTarget t) {
    return new VersionTarget(t.version(), t.newestPatchOf(), orEmpty(t.allowed()));
  }

  static StageSpec stageWithDefaults(StageSpec s) {
    int maxParallel = s.maxParallel() == null ? DEFAULT_MAX_PARALLEL : s.maxParallel();
    return new StageSpec(
        s.name(),
        selectorWithDefaults(s.select()),
        s.count(),
        s.percent(),
        maxParallel,
        s.maxParallelPerCluster() == null ? maxParallel : s.maxParallelPerCluster(),
        s.maxFailures() == null || s.maxFailures().isBlank()
            ? DEFAULT_MAX_FAILURES
            : s.maxFailures(),
        s.bake() == null || s.bake().isBlank() ? DEFAULT_BAKE : s.bake(),
        s.approval());
  }

  /** {@code list} with {@code f} applied to each non-null entry; null entries kept. */
  private static <T> List<T> map(List<T> list, UnaryOperator<T> f) {
    List<T> out = new ArrayList<>();
    for (T t : orEmpty(list)) {
      out.add(t == null ? null : f.apply(t));
    }
    return out;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
