package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.FleetSpec.GridSelector;
import io.gridshift.workflows.fleet.FleetSpec.VersionTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What is wrong with a spec's {@code targets}:
 *
 * <ol>
 *   <li>each key is a known kind, and each target resolves ({@link VersionTargets#resolve}):
 *       exactly one of {@code version} and {@code newestPatchOf}, an X.Y, an allowed version of
 *       that minor;
 *   <li>versions are spelled as versions ({@link Versions}); {@code allowed} goes only with {@code
 *       newestPatchOf};
 *   <li>every kind the fleet's {@code grids} can select has a target: the kinds of its explicit
 *       list, else its {@code kinds}, else every known kind.
 * </ol>
 *
 * Whether a version is a release of its kind is the child's check, run in the fleet's plan.
 */
final class TargetProblems {
  private TargetProblems() {}

  /** For {@code spec} after {@link FleetSpecs#withDefaults}. */
  static List<String> problems(FleetSpec spec, List<String> kinds) {
    List<String> problems = new ArrayList<>();
    for (var entry : spec.targets().entrySet()) {
      if (!kinds.contains(entry.getKey())) {
        problems.add(
            "targets: unknown kind '"
                + Limits.abbreviate(entry.getKey())
                + "'; the kinds are "
                + kinds);
      } else {
        problems.addAll(target("targets." + entry.getKey(), entry.getKey(), entry.getValue()));
      }
    }
    for (String kind : selectedKinds(spec.grids(), kinds)) {
      if (!spec.targets().containsKey(kind)) {
        problems.add(
            "targets."
                + kind
                + " is missing, and the fleet's grids selector takes "
                + kind
                + " grids; give its target version, or list only the kinds you mean in"
                + " grids.kinds");
      }
    }
    return problems;
  }

  private static List<String> target(String field, String kind, VersionTarget t) {
    List<String> problems = new ArrayList<>();
    if (t != null) {
      if (t.version() != null && !t.version().isBlank() && !Versions.isValid(t.version())) {
        problems.add(notAVersion(field + ".version", t.version()));
      }
      if (t.version() != null && !t.version().isBlank() && !t.allowed().isEmpty()) {
        problems.add(
            field + ".allowed is read only with newestPatchOf; remove it or remove version");
      }
      for (int i = 0; i < t.allowed().size(); i++) {
        String v = t.allowed().get(i);
        if (!Versions.isValid(v)) {
          problems.add(notAVersion(field + ".allowed[" + i + "]", v));
        }
      }
      if (!problems.isEmpty()) {
        return problems;
      }
    }
    try {
      VersionTargets.resolve(kind, t);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  /** The kinds the fleet's selector can take (rule 3). */
  static Set<String> selectedKinds(GridSelector grids, List<String> kinds) {
    Set<String> selected = new LinkedHashSet<>();
    if (!grids.explicit().isEmpty()) {
      grids.explicit().stream()
          .filter(Objects::nonNull)
          .map(GridId::kind)
          .filter(kinds::contains)
          .forEach(selected::add);
    } else if (!grids.kinds().isEmpty()) {
      grids.kinds().stream().filter(kinds::contains).forEach(selected::add);
    } else {
      selected.addAll(kinds);
    }
    return selected;
  }

  private static String notAVersion(String field, String version) {
    return field
        + " '"
        + Limits.abbreviate(version)
        + "' is not a version; write it as the product does, e.g. 15.0.21.Final or 5.3.8";
  }
}
