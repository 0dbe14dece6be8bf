package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.OwnedGrids;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenUpgrade;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pure decisions of a Hazelcast upgrade's plan step: is the request well formed, what will be
 * rolled, and may it start. No Temporal API, so it is tested directly.
 */
public final class HazelcastPlanner {
  private HazelcastPlanner() {}

  /** The plan, the preflight's verdict included, on the rolling path. */
  public static HazelcastPlan plan(
      HazelcastUpgradeRequest request, HazelcastWorkload workload, ClusterSnapshot snapshot) {
    return plan(request, workload, snapshot, false);
  }

  /**
   * The plan, the preflight's verdict included.
   *
   * @param blueGreenOffered whether this workflow offers the blue-green path (histories from before
   *     it do not: their open-source minor jumps stay refused)
   */
  public static HazelcastPlan plan(
      HazelcastUpgradeRequest request,
      HazelcastWorkload workload,
      ClusterSnapshot snapshot,
      boolean blueGreenOffered) {
    HazelcastPath path =
        blueGreenOffered ? path(request, workload.version()) : HazelcastPath.ROLLING;
    List<Violation> violations = HazelcastPreflight.check(request, workload, snapshot);
    if (path == HazelcastPath.BLUE_GREEN) {
      // The members do not roll across the minor: the data moves to a new cluster instead.
      violations =
          violations.stream().filter(v -> !HazelcastVersionRules.JUMP.equals(v.rule())).toList();
    }
    boolean fixFirst =
        request.fixUnsafeSettings()
            && !violations.isEmpty()
            && violations.stream().allMatch(Violation::fixable);
    String from = workload.version();
    String expected = snapshot.clusterVersion();
    if (request.edition() == HazelcastEdition.ENTERPRISE
        && Versions.isValid(from)
        && HazelcastVersionRules.minorJump(from, request.targetVersion())) {
      expected = Versions.majorMinor(request.targetVersion());
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
        workload.owner() == null
            ? List.of()
            : List.of(OwnedGrids.tookOver(request.requestedBy(), workload.owner())),
        path);
  }

  /**
   * Blue-green for an open-source upgrade to a newer minor (or several minors: the data moves, not
   * the members) of the same major on a StatefulSet; rolling for everything else, whose refusals
   * (downgrade, major jump, Deployment) the preflight gives.
   */
  static HazelcastPath path(HazelcastUpgradeRequest request, String from) {
    String to = request.targetVersion();
    if (request.edition() == HazelcastEdition.ENTERPRISE
        || request.workloadKind() != WorkloadKind.STATEFULSET
        || !Versions.isValid(from)
        || !Versions.isValid(to)
        || Versions.compare(to, from) <= 0) {
      return HazelcastPath.ROLLING;
    }
    int[] a = Versions.parse(from);
    int[] b = Versions.parse(to);
    return a[0] == b[0] && a[1] != b[1] ? HazelcastPath.BLUE_GREEN : HazelcastPath.ROLLING;
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

  /** The violations as {@code N violation(s): [rule] message; ...}. */
  public static String list(HazelcastPlan plan) {
    int n = plan.violations().size();
    return n
        + (n == 1 ? " violation: " : " violations: ")
        + plan.violations().stream()
            .map(v -> "[" + v.rule() + "] " + v.message())
            .collect(Collectors.joining("; "));
  }

  /** One line for the status and the dry run. */
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
            + "), "
            + (plan.blueGreen()
                ? "blue-green: a new cluster "
                    + BlueGreenUpgrade.targetName(plan.grid(), plan.targetVersion())
                    + " beside it, every map copied and followed by its event journal, clients"
                    + " moved after a short write pause (open-source members cannot roll across"
                    + " a minor version)"
                : plan.statefulSet()
                    ? "one pod at a time from the highest ordinal, each Ready and the cluster safe"
                        + " before the next"
                    : "Kubernetes' rollout watched until the cluster is safe");
    if (plan.violations().isEmpty()) {
      return what + "; preflight passed";
    }
    String verdict = plan.fixSettingsFirst() ? "; settings fixed first (" : "; refused (";
    return what + verdict + list(plan) + ")";
  }
}
