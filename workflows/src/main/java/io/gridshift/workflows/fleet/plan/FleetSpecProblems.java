package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.common.Durations;
import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.Names;
import io.gridshift.workflows.common.RequestProblems;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.request.UpgradeRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything wrong with a {@link FleetSpec}, each problem naming the field and saying what to do;
 * checked before anything is discovered or changed. The spec is read with {@link
 * FleetSpecs#withDefaults} first, so a field left out is judged by its default.
 *
 * <ol>
 *   <li>{@code name} is a DNS label (the workflow id is {@code fleet-<name>}); {@code requestedBy}
 *       is a plain identity.
 *   <li>{@code clusters}: at least one, each a DNS-label name listed once, its window readable
 *       (zone, days, HH:mm, blackout dates and ranges: {@link WindowRules}).
 *   <li>{@code grids} and every stage's {@code select}: see {@link SelectorProblems}.
 *   <li>{@code targets}: {@link TargetProblems}; every kind the fleet can select has one.
 *   <li>{@code stages}: at least one, unique DNS-label names, {@code count} above 0, {@code
 *       percent} 1-100 and not both, {@code maxParallel} 1 to {@value #MAX_PARALLEL}, {@code
 *       maxParallelPerCluster} at least 1, {@code maxFailures} a number or 0-100%, {@code bake} a
 *       duration, {@code approval} a valid gate policy.
 *   <li>{@code childDefaults}: keyed by known kinds, each of its key's kind, without the fields the
 *       fleet sets, and with known gates.
 * </ol>
 */
public final class FleetSpecProblems {
  /**
   * The most children one stage may run at once. Temporal refuses a workflow more than 2,000
   * pending children; the fleet keeps far below that so a stage of a thousand grids stays light.
   */
  public static final int MAX_PARALLEL = 500;

  private FleetSpecProblems() {}

  /** Every problem of {@code raw}; empty when it is valid. */
  public static List<String> problems(FleetSpec raw, Collection<String> knownKinds) {
    if (raw == null) {
      return List.of(
          "the fleet spec is empty; give at least name, requestedBy, clusters, targets and"
              + " stages (see deploy/examples/fleet-minimal.json)");
    }
    FleetSpec spec = FleetSpecs.withDefaults(raw);
    List<String> kinds = List.copyOf(knownKinds);
    List<String> problems = new ArrayList<>();
    RequestProblems.add(problems, Names.labelProblem("name", "fleet name", spec.name()));
    requester(problems, spec.requestedBy());
    problems.addAll(clusters(spec.clusters()));
    SelectorProblems selectors = new SelectorProblems(spec, kinds);
    problems.addAll(selectors.problems("grids", spec.grids()));
    problems.addAll(TargetProblems.problems(spec, kinds));
    problems.addAll(stages(spec.stages(), selectors));
    problems.addAll(childDefaults(spec.childDefaults(), kinds));
    return problems;
  }

  private static void requester(List<String> problems, String requestedBy) {
    if (requestedBy == null || requestedBy.isBlank()) {
      problems.add(
          "requestedBy is empty; say who asks (a user name or an e-mail address): the audit"
              + " names them, and under fourEyes they cannot approve their own fleet");
    } else {
      RequestProblems.add(problems, Limits.identityProblem("requestedBy", requestedBy));
    }
  }

  private static List<String> clusters(List<FleetCluster> clusters) {
    List<String> problems = new ArrayList<>();
    if (clusters.isEmpty()) {
      problems.add(
          "clusters is empty; list every cluster the fleet may touch, e.g. - name: prod-eu-1");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < clusters.size(); i++) {
      String field = "clusters[" + i + "]";
      FleetCluster c = clusters.get(i);
      if (c == null) {
        problems.add(field + " is empty; give at least its name");
        continue;
      }
      String nameProblem = Names.labelProblem(field + ".name", "cluster name", c.name());
      if (nameProblem != null) {
        problems.add(nameProblem + ": the name its agent serves (gridshift-cluster-<name>)");
      } else if (!seen.add(c.name())) {
        problems.add(field + ".name '" + c.name() + "' is listed twice; list each cluster once");
      }
      problems.addAll(WindowRules.problems(field + ".window", c.window()));
    }
    return problems;
  }

  private static List<String> stages(List<StageSpec> stages, SelectorProblems selectors) {
    List<String> problems = new ArrayList<>();
    if (stages.isEmpty()) {
      problems.add(
          "stages is empty; give at least one stage, e.g. - name: all (without select, count"
              + " or percent it takes every grid)");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < stages.size(); i++) {
      String field = "stages[" + i + "]";
      StageSpec s = stages.get(i);
      if (s == null) {
        problems.add(field + " is empty; give at least its name");
        continue;
      }
      String nameProblem = Names.labelProblem(field + ".name", "stage name", s.name());
      if (nameProblem != null) {
        problems.add(nameProblem);
      } else if (!seen.add(s.name())) {
        problems.add(field + ".name '" + s.name() + "' is used twice; give each stage its own");
      }
      problems.addAll(selectors.problems(field + ".select", s.select()));
      problems.addAll(size(field, s));
      problems.addAll(pace(field, s));
    }
    return problems;
  }

  /** count and percent. */
  private static List<String> size(String field, StageSpec s) {
    List<String> problems = new ArrayList<>();
    if (s.count() != null && s.percent() != null) {
      problems.add(
          field
              + " gives both count and percent; give one (count: a number of grids, percent: a"
              + " share of the grids remaining)");
    }
    if (s.count() != null && s.count() < 1) {
      problems.add(
          field
              + ".count "
              + s.count()
              + " must be 1 or more; to take every remaining grid, leave count out");
    }
    if (s.percent() != null && (s.percent() < 1 || s.percent() > 100)) {
      problems.add(
          field + ".percent " + s.percent() + " must be between 1 and 100 (100: every grid left)");
    }
    return problems;
  }

  /** maxParallel, maxParallelPerCluster, maxFailures, bake and approval. */
  private static List<String> pace(String field, StageSpec s) {
    List<String> problems = new ArrayList<>();
    if (s.maxParallel() < 1 || s.maxParallel() > MAX_PARALLEL) {
      problems.add(
          field
              + ".maxParallel "
              + s.maxParallel()
              + " must be between 1 and "
              + MAX_PARALLEL
              + " (how many grids upgrade at once; default 1)");
    }
    if (s.maxParallelPerCluster() < 1) {
      problems.add(
          field
              + ".maxParallelPerCluster "
              + s.maxParallelPerCluster()
              + " must be 1 or more; leave it out for no limit beyond maxParallel");
    }
    RequestProblems.add(problems, FailureBudgets.problem(field + ".maxFailures", s.maxFailures()));
    try {
      Durations.parse(s.bake());
    } catch (IllegalArgumentException e) {
      problems.add(field + ".bake " + e.getMessage());
    }
    if (s.approval() != null) {
      problems.addAll(s.approval().problems(field + ".approval"));
      addIfPresent(problems, s.approval().writtenApproverProblem(field + ".approval"));
    }
    return problems;
  }

  private static List<String> childDefaults(
      Map<String, UpgradeRequest> defaults, List<String> kinds) {
    List<String> problems = new ArrayList<>();
    for (var entry : defaults.entrySet()) {
      String field = "childDefaults." + entry.getKey();
      UpgradeRequest d = entry.getValue();
      if (!kinds.contains(entry.getKey())) {
        problems.add(
            "childDefaults: unknown kind '"
                + Limits.abbreviate(entry.getKey())
                + "'; the kinds are "
                + kinds);
      } else if (d == null) {
        problems.add(field + " is empty; give the request fields every child gets, or remove it");
      } else if (!d.kind().equals(entry.getKey())) {
        problems.add(
            field
                + " has kind '"
                + d.kind()
                + "'; set kind: "
                + entry.getKey()
                + " or move it under childDefaults."
                + d.kind());
      } else {
        problems.addAll(childRequest(field, d));
      }
    }
    return problems;
  }

  /** A child's defaults may not set what the fleet sets, and may name only its kind's gates. */
  private static List<String> childRequest(String field, UpgradeRequest d) {
    List<String> problems = new ArrayList<>();
    setByFleet(problems, field, "cluster", d.cluster(), "the grid's cluster and namespace");
    setByFleet(problems, field, "grid", d.grid(), "each discovered grid");
    setByFleet(problems, field, "targetVersion", d.targetVersion(), "targets." + d.kind());
    setByFleet(problems, field, "requestedBy", d.requestedBy(), "the fleet's requestedBy");
    setByFleet(problems, field, "dryRun", d.dryRun(), "the fleet's dryRun");
    List<String> unreadable = d.unreadable();
    if (!unreadable.isEmpty()) {
      unreadable.forEach(p -> problems.add(field + "." + p));
    } else if (d.gates() != null) {
      RequestProblems.gates(d.gates(), d.gateNames()).forEach(p -> problems.add(field + "." + p));
      d.gates()
          .forEach(
              (gate, policy) -> {
                if (policy != null) {
                  addIfPresent(problems, policy.writtenApproverProblem(field + ".gates." + gate));
                }
              });
    }
    return problems;
  }

  private static void setByFleet(
      List<String> problems, String field, String name, Object value, String from) {
    if (value != null) {
      problems.add(field + "." + name + " is set by the fleet (from " + from + "); remove it here");
    }
  }

  private static void addIfPresent(List<String> problems, String problem) {
    if (problem != null) {
      problems.add(problem);
    }
  }
}
