package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Stand-ins for the plan rules of {@code fleet/plan} (branch fleet-spec) until that branch is
 * merged: the same signatures, the simplest behaviour. Removed by the merge.
 */
final class InterimPlanRules {
  private InterimPlanRules() {}

  static List<String> problems(FleetSpec spec, Collection<String> knownKinds) {
    List<String> problems = new ArrayList<>();
    if (spec.name() == null || spec.name().isBlank()) {
      problems.add("name is required");
    }
    if (spec.stages() == null || spec.stages().isEmpty()) {
      problems.add("stages: at least one stage is required");
    }
    if (spec.targets() == null || spec.targets().isEmpty()) {
      problems.add("targets: name a target version for at least one kind");
    } else {
      spec.targets().keySet().stream()
          .filter(k -> !knownKinds.contains(k))
          .forEach(k -> problems.add("targets: unknown kind '" + k + "'; kinds: " + knownKinds));
    }
    return problems;
  }

  static boolean isOpen(FleetSpec.MaintenanceWindow window, Instant at) {
    return true;
  }

  static Instant nextOpen(FleetSpec.MaintenanceWindow window, Instant from) {
    return from;
  }

  static String resolve(String kind, FleetSpec.VersionTarget target) {
    if (target.version() != null) {
      return target.version();
    }
    return target.allowed().stream()
        .filter(v -> v.startsWith(target.newestPatchOf() + "."))
        .max(Versions::compare)
        .orElse(null);
  }

  static List<List<DiscoveredGrid>> assign(FleetSpec spec, List<DiscoveredGrid> grids) {
    List<DiscoveredGrid> remaining = new ArrayList<>(grids);
    List<List<DiscoveredGrid>> stages = new ArrayList<>();
    for (FleetSpec.StageSpec stage : spec.stages()) {
      int n = remaining.size();
      if (stage.count() != null) {
        n = Math.min(n, stage.count());
      } else if (stage.percent() != null) {
        n = Math.min(n, Math.max(1, (int) Math.ceil(remaining.size() * stage.percent() / 100.0)));
      }
      stages.add(new ArrayList<>(remaining.subList(0, n)));
      remaining = new ArrayList<>(remaining.subList(n, remaining.size()));
    }
    return stages;
  }

  static int maxFailures(String maxFailures, int stageSize) {
    if (maxFailures == null || maxFailures.isBlank()) {
      return 0;
    }
    if (maxFailures.endsWith("%")) {
      int pct = Integer.parseInt(maxFailures.substring(0, maxFailures.length() - 1).trim());
      return stageSize * pct / 100;
    }
    return Integer.parseInt(maxFailures.trim());
  }
}
