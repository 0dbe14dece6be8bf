package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.OwnedGrids;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Rules;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenUpgrade;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pure decisions of a Hazelcast upgrade's plan step: is the request well formed, what will be
 * rolled, and may it start. No Temporal API, so it is tested directly.
 */
public final class HazelcastPlanner {
  private HazelcastPlanner() {}

  /** The plan under the current rules, the preflight's verdict included. */
  public static HazelcastPlan plan(
      HazelcastUpgradeRequest request, HazelcastWorkload workload, ClusterSnapshot snapshot) {
    return plan(request, workload, snapshot, Rules.PATHS);
  }

  /** The plan under {@code rules}, the preflight's verdict included. */
  public static HazelcastPlan plan(
      HazelcastUpgradeRequest request,
      HazelcastWorkload workload,
      ClusterSnapshot snapshot,
      Rules rules) {
    List<Violation> violations = HazelcastPreflight.check(request, workload, snapshot, rules);
    boolean fixFirst =
        request.fixUnsafeSettings()
            && !violations.isEmpty()
            && violations.stream().allMatch(Violation::fixable);
    String from = workload.version();
    HazelcastPath path = path(request, workload, violations, rules);
    String expected = snapshot.clusterVersion();
    if (Versions.isValid(from)
        && HazelcastVersionRules.minorJump(from, request.targetVersion())
        && (request.edition() == HazelcastEdition.ENTERPRISE || path == HazelcastPath.BLUE_GREEN)) {
      // The cluster clients end on: the old one rolled to it, or the new one started at it.
      expected = Versions.majorMinor(request.targetVersion());
    }
    List<String> warnings = new ArrayList<>();
    if (workload.owner() != null) {
      warnings.add(OwnedGrids.tookOver(request.requestedBy(), workload.owner()));
    }
    if (rules == Rules.PATHS) {
      String serialization = HazelcastTargetRules.serializationWarning(workload, path);
      if (serialization != null) {
        warnings.add(serialization);
      }
    }
    // Request defaults are applied already (withDefaults()); the container and the target image
    // default to what the workload runs, so they are decided here, where it is known.
    return new HazelcastPlan(
        workload.name(),
        workload.kind(),
        workload.replicas(),
        request.container() != null ? request.container() : workload.container(),
        from,
        request.targetVersion(),
        workload.image(),
        request.targetImageFor(workload.image()),
        request.edition(),
        snapshot.clusterVersion(),
        expected,
        List.copyOf(violations),
        fixFirst,
        HazelcastPreflight.safeMaxWait(workload),
        List.copyOf(warnings),
        path);
  }

  /**
   * Whether the plan needs the source's maps and their entry counts for {@link #withJournals}: a
   * blue-green plan of a StatefulSet the preflight passed (a refused one stops anyway, and its
   * cluster may not answer a client).
   */
  public static boolean needsMaps(HazelcastPlan plan) {
    return plan.blueGreen() && plan.statefulSet() && !plan.refused();
  }

  /**
   * {@code plan} with the journal rules of the blue-green path applied to the maps it moves, {@code
   * entries} (name to entry count): a violation naming every map without an enabled event journal,
   * which refuses it before anything changes, and a warning per journal too small for its map
   * ({@link HazelcastJournalRules}).
   */
  public static HazelcastPlan withJournals(
      HazelcastPlan plan,
      HazelcastUpgradeRequest request,
      HazelcastWorkload workload,
      Map<String, Long> entries) {
    List<Violation> violations = new ArrayList<>(plan.violations());
    Violation journals =
        HazelcastJournalRules.check(
            HazelcastPreflight.subject(request, workload), workload, entries);
    if (journals != null) {
      violations.add(journals);
    }
    List<String> warnings = new ArrayList<>(plan.warnings());
    warnings.addAll(HazelcastJournalRules.warnings(workload, entries));
    return new HazelcastPlan(
        plan.grid(),
        plan.kind(),
        plan.replicas(),
        plan.container(),
        plan.fromVersion(),
        plan.targetVersion(),
        plan.previousImage(),
        plan.targetImage(),
        plan.edition(),
        plan.clusterVersionBefore(),
        plan.expectedClusterVersion(),
        List.copyOf(violations),
        // fixUnsafeSettings cannot add a journal: the plan is refused, not fixed first.
        plan.fixSettingsFirst() && journals == null,
        plan.safeMaxWait(),
        List.copyOf(warnings),
        plan.path());
  }

  /**
   * The path, when the version jump has one: {@link HazelcastPaths}; before the paths, every jump
   * the version rules let through rolled.
   */
  private static HazelcastPath path(
      HazelcastUpgradeRequest request,
      HazelcastWorkload workload,
      List<Violation> violations,
      Rules rules) {
    if (violations.stream().anyMatch(Violation::aboutVersion)) {
      return null;
    }
    if (rules == Rules.ROLLING_ONLY) {
      return HazelcastPath.ROLLING;
    }
    return HazelcastPaths.decide(request.edition(), workload.version(), request.targetVersion());
  }

  /**
   * The refusal of a blue-green plan on a workload the blue-green steps cannot copy, or null: the
   * target cluster is made as a copy of the source's StatefulSet, so a Deployment is refused at
   * plan time, nothing changed, instead of rolling members that would refuse to join.
   */
  public static UpgradeStop pathNotAvailable(HazelcastUpgradeRequest request, HazelcastPlan plan) {
    if (plan.path() != HazelcastPath.BLUE_GREEN || plan.statefulSet()) {
      return null;
    }
    return UpgradeStop.failed(
        FailureTypes.UNSUPPORTED_VERSION,
        ("Deployment %s/%s: %s -> %s needs a blue-green upgrade: %s. gridshift runs blue-green"
                + " upgrades of StatefulSets only (the new cluster is a copy of the source's"
                + " StatefulSet): run the grid as a StatefulSet, or choose a %s.x targetVersion"
                + " to roll.")
            .formatted(
                request.cluster().namespace(),
                plan.grid(),
                plan.fromVersion(),
                plan.targetVersion(),
                HazelcastPaths.blueGreenReason(plan.fromVersion(), plan.targetVersion()),
                Versions.majorMinor(plan.fromVersion())));
  }

  /**
   * Refuses a workload the Hazelcast Platform Operator, Helm or a GitOps tool manages, dry runs
   * included, unless the request takes it over ({@link OwnedGrids}): type {@link
   * FailureTypes#OWNED_BY_ANOTHER_TOOL}, saying how to upgrade it through its owner (for the
   * operator: {@code spec.version} of its {@code Hazelcast} resource, which it rolls itself).
   */
  public static void checkOwner(HazelcastUpgradeRequest request, HazelcastWorkload workload) {
    if (workload.owner() == null) {
      return;
    }
    String resource =
        workload.owner().resource() == null
            ? "its Hazelcast resource"
            : workload.owner().resource();
    OwnedGrids.check(
        request.ownership(),
        request.grid(),
        workload.owner(),
        request.targetImageFor(workload.image()),
        "upgrade it through the Hazelcast Platform Operator: set spec.version: "
            + request.targetVersion()
            + " on "
            + resource
            + " and apply it; the operator rolls the members itself");
  }

  /**
   * The refusal of an unsafe plan, or null when it may start: every violation with its rule and
   * fix; UnsupportedVersion when the version jump is one of them, else UnsafeConfiguration.
   */
  public static UpgradeStop refusal(HazelcastUpgradeRequest request, HazelcastPlan plan) {
    if (!plan.refused()) {
      return null;
    }
    boolean version = plan.violations().stream().anyMatch(Violation::aboutVersion);
    String type = version ? FailureTypes.UNSUPPORTED_VERSION : FailureTypes.UNSAFE_CONFIGURATION;
    String hint =
        request.fixUnsafeSettings() && plan.violations().stream().anyMatch(Violation::fixable)
            ? " fixUnsafeSettings fixes only "
                + HazelcastPreflight.FIXABLE.stream().sorted().toList()
                + ": fix the others by hand."
            : "";
    return UpgradeStop.failed(type, "preflight refused the upgrade: " + list(plan) + "." + hint);
  }

  /**
   * Refuses a workload another upgrade holds (annotation {@code gridshift.io/upgrade}), dry runs
   * included, naming the holder.
   */
  public static void refuseIfClaimed(HazelcastWorkload workload, String upgradeId) {
    String holder = workload.claimedBy();
    if (holder != null && !holder.equals(upgradeId)) {
      throw UpgradeStop.failed(
          FailureTypes.CLAIM_CONFLICT,
          ("%s %s is held by another upgrade, %s; one upgrade at a time may change it: wait for"
                  + " that upgrade to end (gridshift status %s), or, if it has ended without"
                  + " releasing it, remove the claim: kubectl annotate %s %s %s-")
              .formatted(
                  workload.kind() == WorkloadKind.DEPLOYMENT ? "Deployment" : "StatefulSet",
                  workload.name(),
                  holder,
                  holder,
                  workload.kind().name().toLowerCase(),
                  workload.name(),
                  ClaimRequest.ANNOTATION));
    }
  }

  /** ", <path and why>; <how it moves>", or "" when the jump has no path. */
  private static String how(HazelcastPlan plan) {
    if (plan.path() == null) {
      return "";
    }
    String moves;
    if (plan.path() == HazelcastPath.BLUE_GREEN) {
      moves =
          "a new cluster of "
              + plan.replicas()
              + " members, "
              + BlueGreenUpgrade.targetName(plan.grid(), plan.targetVersion())
              + ", beside this one, every map copied and followed by its event journal, clients"
              + " switched after a short write pause";
    } else if (plan.statefulSet()) {
      moves =
          "one pod at a time from the highest ordinal, each Ready and the cluster safe before the"
              + " next";
    } else {
      moves = "Kubernetes' rollout watched until the cluster is safe";
    }
    return ", " + HazelcastPaths.why(plan) + "; " + moves;
  }

  /** The violations as {@code N violation(s): [rule] message; ...}. */
  public static String list(HazelcastPlan plan) {
    int n = plan.violations().size();
    return n
        + (n == 1 ? " violation: " : " violations: ")
        + plan.violations().stream()
            .map(v -> "[" + v.rule() + "] " + v.message())
            .collect(Collectors.joining("; "));
  }

  /** One line for the status and the dry run: what moves, along which path and why. */
  public static String summary(HazelcastPlan plan) {
    String what =
        (plan.statefulSet() ? "StatefulSet " : "Deployment ")
            + plan.grid()
            + ": "
            + plan.replicas()
            + " members "
            + plan.fromVersion()
            + " -> "
            + plan.targetVersion()
            + " ("
            + plan.targetImage()
            + ")"
            + how(plan);
    if (plan.violations().isEmpty()) {
      return what + "; preflight passed";
    }
    String verdict = plan.fixSettingsFirst() ? "; settings fixed first (" : "; refused (";
    return what + verdict + list(plan) + ")";
  }
}
