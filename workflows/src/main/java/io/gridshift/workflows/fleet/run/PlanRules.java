package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.plan.FailureBudgets;
import io.gridshift.workflows.fleet.plan.FleetSpecProblems;
import io.gridshift.workflows.fleet.plan.MaintenanceWindows;
import io.gridshift.workflows.fleet.plan.StageAssignment;
import io.gridshift.workflows.fleet.plan.VersionTargets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The pure plan rules ({@code fleet/plan}) the run applies, in one place; no window: open. */
final class PlanRules {
  private PlanRules() {}

  static List<String> problems(FleetSpec spec, Collection<String> knownKinds) {
    return FleetSpecProblems.problems(spec, knownKinds);
  }

  static boolean isOpen(FleetSpec.MaintenanceWindow window, Instant at) {
    return window == null || MaintenanceWindows.isOpen(window, at);
  }

  /** When {@code window} next opens from {@code from} ({@code from} when open), null when never. */
  static Instant nextOpen(FleetSpec.MaintenanceWindow window, Instant from) {
    return window == null ? from : MaintenanceWindows.nextOpen(window, from);
  }

  static String resolve(String kind, FleetSpec.VersionTarget target) {
    return VersionTargets.resolve(kind, target);
  }

  static List<List<DiscoveredGrid>> assign(FleetSpec spec, List<DiscoveredGrid> grids) {
    return StageAssignment.assign(spec, grids);
  }

  static boolean selects(FleetSpec spec, DiscoveredGrid grid) {
    return StageAssignment.selects(spec, spec.grids(), grid);
  }

  static int maxFailures(String maxFailures, int stageSize) {
    return FailureBudgets.maxFailures(maxFailures, stageSize);
  }
}
