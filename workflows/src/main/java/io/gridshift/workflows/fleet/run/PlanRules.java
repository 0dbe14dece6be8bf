package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The pure plan rules the run applies, in one place (they live in {@code fleet/plan}). */
final class PlanRules {
  private PlanRules() {}

  static List<String> problems(FleetSpec spec, Collection<String> knownKinds) {
    return InterimPlanRules.problems(spec, knownKinds);
  }

  static boolean isOpen(FleetSpec.MaintenanceWindow window, Instant at) {
    return window == null || InterimPlanRules.isOpen(window, at);
  }

  /** When {@code window} next opens from {@code from} ({@code from} when open), null when never. */
  static Instant nextOpen(FleetSpec.MaintenanceWindow window, Instant from) {
    return window == null ? from : InterimPlanRules.nextOpen(window, from);
  }

  static String resolve(String kind, FleetSpec.VersionTarget target) {
    return InterimPlanRules.resolve(kind, target);
  }

  static List<List<DiscoveredGrid>> assign(FleetSpec spec, List<DiscoveredGrid> grids) {
    return InterimPlanRules.assign(spec, grids);
  }

  static int maxFailures(String maxFailures, int stageSize) {
    return InterimPlanRules.maxFailures(maxFailures, stageSize);
  }
}
