package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.Names;
import io.gridshift.workflows.common.RequestProblems;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.FleetSpec.GridSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is wrong with a {@link GridSelector} of a spec (the fleet's {@code grids} or a stage's
 * {@code select}), judged against the spec's clusters and the known kinds:
 *
 * <ol>
 *   <li>an explicit list stands alone: no other criterion beside it;
 *   <li>clusters named must be listed in {@code clusters}; cluster labels must match at least one
 *       listed cluster (else the selector can never select anything);
 *   <li>kinds must be known kinds; namespaces DNS labels;
 *   <li>each explicit grid names a listed cluster, a namespace, a grid name and a known kind.
 * </ol>
 */
final class SelectorProblems {
  private final FleetSpec spec;
  private final List<String> kinds;

  /** For {@code spec} after {@link FleetSpecs#withDefaults}. */
  SelectorProblems(FleetSpec spec, List<String> kinds) {
    this.spec = spec;
    this.kinds = kinds;
  }

  List<String> problems(String field, GridSelector s) {
    List<String> problems = new ArrayList<>();
    if (s == null) {
      return problems;
    }
    if (!s.explicit().isEmpty() && hasCriteria(s)) {
      problems.add(
          field
              + ": explicit names the grids exactly; remove clusters, clusterLabels, kinds,"
              + " namespaces and labels beside it, or remove explicit");
    }
    for (String cluster : s.clusters()) {
      if (!listed(cluster)) {
        problems.add(unlisted(field + ".clusters", cluster));
      }
    }
    if (!s.clusterLabels().isEmpty()
        && spec.clusters().stream()
            .noneMatch(c -> c != null && StageAssignment.holds(c.labels(), s.clusterLabels()))) {
      problems.add(
          field
              + ".clusterLabels "
              + s.clusterLabels()
              + " match no cluster in clusters; correct them or give a cluster these labels");
    }
    for (String kind : s.kinds()) {
      if (!kinds.contains(kind)) {
        problems.add(field + ".kinds: " + unknownKind(kind));
      }
    }
    for (int i = 0; i < s.namespaces().size(); i++) {
      RequestProblems.add(
          problems,
          Names.labelProblem(field + ".namespaces[" + i + "]", "namespace", s.namespaces().get(i)));
    }
    for (int i = 0; i < s.explicit().size(); i++) {
      problems.addAll(explicit(field + ".explicit[" + i + "]", s.explicit().get(i)));
    }
    return problems;
  }

  private List<String> explicit(String field, GridId id) {
    List<String> problems = new ArrayList<>();
    if (id == null) {
      problems.add(field + " is empty; give cluster, namespace, name and kind");
      return problems;
    }
    if (!listed(id.cluster())) {
      problems.add(unlisted(field + ".cluster", id.cluster()));
    }
    RequestProblems.add(
        problems, Names.labelProblem(field + ".namespace", "namespace", id.namespace()));
    RequestProblems.add(problems, Names.labelProblem(field + ".name", "grid name", id.name()));
    if (id.kind() == null || id.kind().isBlank()) {
      problems.add(field + ".kind is empty; give the grid's kind, one of " + kinds);
    } else if (!kinds.contains(id.kind())) {
      problems.add(field + ".kind: " + unknownKind(id.kind()));
    }
    return problems;
  }

  private static boolean hasCriteria(GridSelector s) {
    return !(s.clusters().isEmpty()
        && s.clusterLabels().isEmpty()
        && s.kinds().isEmpty()
        && s.namespaces().isEmpty()
        && s.labels().isEmpty());
  }

  private boolean listed(String cluster) {
    return spec.clusters().stream().anyMatch(c -> c != null && Objects.equals(c.name(), cluster));
  }

  private static String unlisted(String field, String cluster) {
    return field
        + ": cluster '"
        + Limits.abbreviate(cluster)
        + "' is not in clusters; add it there (with its window) or remove it here";
  }

  private String unknownKind(String kind) {
    return "unknown kind '" + Limits.abbreviate(kind) + "'; the kinds are " + kinds;
  }
}
