package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.hazelcast.activities.MemberSets;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pure safety decision before a Hazelcast rolling upgrade (no Temporal, no I/O): which settings
 * of the workload, which version jump and which cluster state would lose data or cannot roll. Every
 * rule that fails yields a {@link Violation} whose message says what is wrong, with what, and the
 * fix, e.g. "StatefulSet demo/hz: terminationGracePeriodSeconds 30 is shorter than
 * hazelcast.graceful.shutdown.max.wait 600; raise it to at least 600".
 *
 * <ol>
 *   <li>{@value #SHUTDOWN_HOOK}: a member must hand over its partitions on SIGTERM (GRACEFUL).
 *   <li>{@value #MAX_WAIT}: the member's graceful wait must be set and fit in the pod's grace
 *       period, or Kubernetes kills it mid-migration.
 *   <li>{@value #MAX_UNAVAILABLE}, {@value #MAX_SURGE} (Deployment only, where Kubernetes paces the
 *       roll): never more members down at once than the smallest map backup-count; no surge.
 *   <li>{@link HazelcastVersionRules}: no downgrade or no-op, no edition change; open source rolls
 *       patch versions and moves to a later minor blue-green; enterprise rolls one minor version
 *       with cluster version auto-upgrade.
 *   <li>{@link HazelcastTargetRules}: the target image's Java, CP Subsystem on open source 5.5+.
 *   <li>{@value #CLUSTER_WHOLE}, {@value #CLUSTER_SAFE}: start only from a whole, safe cluster:
 *       every member sees the others ({@link MemberSets}), not only the expected number.
 * </ol>
 *
 * <p>{@link Rules#ROLLING_ONLY} is the rule set before issue 18, for histories recorded before it.
 */
public final class HazelcastPreflight {
  public static final String SHUTDOWN_HOOK = "shutdown-hook-policy";
  public static final String MAX_WAIT = "graceful-shutdown-max-wait";
  public static final String MAX_UNAVAILABLE = "deployment-max-unavailable";
  public static final String MAX_SURGE = "deployment-max-surge";
  public static final String CLUSTER_WHOLE = "cluster-whole";
  public static final String CLUSTER_SAFE = "cluster-safe";

  public static final String SHUTDOWN_HOOK_PROPERTY = "hazelcast.shutdownhook.policy";
  public static final String MAX_WAIT_PROPERTY = "hazelcast.graceful.shutdown.max.wait";

  /** Hazelcast's own default of {@value #MAX_WAIT_PROPERTY}, in seconds. */
  public static final int DEFAULT_MAX_WAIT = 600;

  /** Rules that {@code applySafeSettings} fixes (with {@code fixUnsafeSettings}). */
  public static final Set<String> FIXABLE = Set.of(SHUTDOWN_HOOK, MAX_WAIT);

  /**
   * One failed rule.
   *
   * @param rule the rule's name, e.g. {@value #MAX_WAIT}
   * @param message what is wrong, with what, and what to do (one sentence)
   * @param fix what to do, alone
   */
  public record Violation(String rule, String message, String fix) {
    /** Whether {@code applySafeSettings} can fix it. */
    public boolean fixable() {
      return FIXABLE.contains(rule);
    }

    /** Whether the version jump (not a setting) is what fails. */
    public boolean aboutVersion() {
      return HazelcastVersionRules.RULES.contains(rule);
    }
  }

  /**
   * Which rules apply: a workflow decides it once, versioned by {@code
   * WorkflowChanges.HAZELCAST_PATHS}, so a history recorded before issue 18 replays as it ran.
   */
  public enum Rules {
    /** Before issue 18: every upgrade rolls (an open-source minor jump is refused). */
    ROLLING_ONLY,
    /**
     * The plan chooses the path ({@link HazelcastPaths}); the edition, the target's Java and CP
     * Subsystem, and the members' member sets are checked too.
     */
    PATHS
  }

  private HazelcastPreflight() {}

  /** Every violation under the current rules, in rule order; empty when the upgrade may start. */
  public static List<Violation> check(
      HazelcastUpgradeRequest request, HazelcastWorkload workload, ClusterSnapshot snapshot) {
    return check(request, workload, snapshot, Rules.PATHS);
  }

  /** Every violation under {@code rules}, in rule order; empty when the upgrade may start. */
  public static List<Violation> check(
      HazelcastUpgradeRequest request,
      HazelcastWorkload workload,
      ClusterSnapshot snapshot,
      Rules rules) {
    String subject = subject(request, workload);
    List<Violation> found = new ArrayList<>();
    shutdownHook(subject, workload, found);
    maxWait(subject, workload, found);
    if (workload.kind() == WorkloadKind.DEPLOYMENT) {
      deploymentStrategy(subject, workload, found);
    }
    found.addAll(HazelcastVersionRules.check(subject, request, workload, rules));
    if (rules == Rules.PATHS) {
      found.addAll(HazelcastTargetRules.check(subject, request, workload));
    }
    cluster(subject, workload, snapshot, rules, found);
    return found;
  }

  /** {@code StatefulSet <namespace>/<name>}: how messages name the workload. */
  public static String subject(HazelcastUpgradeRequest request, HazelcastWorkload workload) {
    String kind = workload.kind() == WorkloadKind.DEPLOYMENT ? "Deployment" : "StatefulSet";
    return kind + " " + request.cluster().namespace() + "/" + workload.name();
  }

  /** The max.wait {@code applySafeSettings} should write: the current one when valid, else 600. */
  public static int safeMaxWait(HazelcastWorkload workload) {
    Integer current = seconds(workload.systemProperties().get(MAX_WAIT_PROPERTY));
    return current == null || current <= 0 ? DEFAULT_MAX_WAIT : current;
  }

  private static void shutdownHook(String subject, HazelcastWorkload w, List<Violation> found) {
    String policy = w.systemProperties().get(SHUTDOWN_HOOK_PROPERTY);
    if ("GRACEFUL".equalsIgnoreCase(policy == null ? null : policy.trim())) {
      return;
    }
    String what =
        policy == null
            ? SHUTDOWN_HOOK_PROPERTY + " is not set, so a member stops on SIGTERM (TERMINATE)"
            : SHUTDOWN_HOOK_PROPERTY + " is " + policy + ", so a member stops on SIGTERM";
    String fix =
        "add -D" + SHUTDOWN_HOOK_PROPERTY + "=GRACEFUL to JAVA_OPTS of container " + w.container();
    // GRACEFUL migrates the member's partitions to the others before it stops (seed 003).
    found.add(
        violation(SHUTDOWN_HOOK, subject, what + " without handing over its partitions", fix));
  }

  private static void maxWait(String subject, HazelcastWorkload w, List<Violation> found) {
    String raw = w.systemProperties().get(MAX_WAIT_PROPERTY);
    int grace = w.terminationGracePeriodSeconds();
    if (raw == null) {
      found.add(
          violation(
              MAX_WAIT,
              subject,
              MAX_WAIT_PROPERTY + " is not set",
              "add -D"
                  + MAX_WAIT_PROPERTY
                  + "=<seconds> to JAVA_OPTS of container "
                  + w.container()
                  + ", at most terminationGracePeriodSeconds "
                  + grace));
      return;
    }
    Integer maxWait = seconds(raw);
    if (maxWait == null) {
      found.add(
          violation(
              MAX_WAIT,
              subject,
              MAX_WAIT_PROPERTY + " '" + raw + "' is not a number of seconds",
              "set it to a number of seconds, at most terminationGracePeriodSeconds " + grace));
    } else if (maxWait > grace) {
      found.add(
          violation(
              MAX_WAIT,
              subject,
              "terminationGracePeriodSeconds "
                  + grace
                  + " is shorter than "
                  + MAX_WAIT_PROPERTY
                  + " "
                  + maxWait,
              "raise it to at least " + maxWait));
    }
  }

  private static void deploymentStrategy(
      String subject, HazelcastWorkload w, List<Violation> found) {
    if ("Recreate".equalsIgnoreCase(w.strategyType())) {
      found.add(
          violation(
              MAX_UNAVAILABLE,
              subject,
              "strategy Recreate stops every member at once",
              "set spec.strategy.type RollingUpdate with maxUnavailable 1 and maxSurge 0"));
      return;
    }
    Map.Entry<String, Integer> smallest = smallestBackup(w.mapBackupCounts());
    int backups = smallest.getValue();
    // Kubernetes' defaults when unset: 25% (down for maxUnavailable, up for maxSurge).
    int unavailable = w.maxUnavailable() != null ? w.maxUnavailable() : w.replicas() / 4;
    int surge = w.maxSurge() != null ? w.maxSurge() : (w.replicas() + 3) / 4;
    if (unavailable == 0 && surge == 0) {
      unavailable = 1; // Kubernetes' fencepost: a rollout must be able to move
    }
    if (unavailable > backups) {
      String fix =
          backups == 0
              ? "give " + smallest.getKey() + " a backup-count of at least 1"
              : "set spec.strategy.rollingUpdate.maxUnavailable to " + backups;
      found.add(
          violation(
              MAX_UNAVAILABLE,
              subject,
              "maxUnavailable "
                  + unavailable
                  + " is above the smallest map backup-count "
                  + backups
                  + " ("
                  + smallest.getKey()
                  + "), so a partition and all its backups can stop together",
              fix));
    }
    if (surge > 0) {
      found.add(
          violation(
              MAX_SURGE,
              subject,
              "maxSurge " + surge + " starts new members before old ones have left",
              "set spec.strategy.rollingUpdate.maxSurge to 0"));
    }
  }

  /** The map with the smallest backup-count; Hazelcast's default 1 when none is configured. */
  private static Map.Entry<String, Integer> smallestBackup(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .min(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> Map.entry("map " + e.getKey(), e.getValue()))
        .orElse(Map.entry("Hazelcast's default", 1));
  }

  private static void cluster(
      String subject,
      HazelcastWorkload w,
      ClusterSnapshot snapshot,
      Rules rules,
      List<Violation> found) {
    int replicas = w.replicas();
    List<MemberHealth> members = snapshot.members();
    List<String> sets = rules == Rules.PATHS ? MemberSets.problems(members) : List.of();
    boolean whole =
        w.readyReplicas() == replicas
            && members.size() == replicas
            && members.stream().allMatch(m -> m.reachable() && m.clusterSize() == replicas)
            && sets.isEmpty();
    if (!whole) {
      found.add(
          violation(
              CLUSTER_WHOLE,
              subject,
              "the cluster is not whole: "
                  + w.readyReplicas()
                  + " of "
                  + replicas
                  + " pods ready; "
                  + describe(members)
                  + (sets.isEmpty() ? "" : "; " + String.join("; ", sets)),
              sets.isEmpty()
                  ? "wait until every pod is Ready and every member sees "
                      + replicas
                      + " members, then start again"
                  : "make the members join one cluster (their cluster-name and discovery or member"
                      + " list in the member configuration), then start again"));
    }
    boolean settled =
        members.stream()
            .filter(MemberHealth::reachable)
            .allMatch(m -> m.clusterSafe() && m.migrationQueueSize() == 0);
    if (!settled) {
      found.add(
          violation(
              CLUSTER_SAFE,
              subject,
              "the cluster is not safe: " + describe(members),
              "wait until every member reports clusterSafe true and migrationQueueSize 0,"
                  + " then start again"));
    }
  }

  /** Each member's numbers, e.g. {@code hz-0 (clusterSize 3, clusterSafe true, ...)}. */
  static String describe(List<MemberHealth> members) {
    if (members.isEmpty()) {
      return "no member answered";
    }
    return members.stream()
        .map(
            m ->
                m.reachable()
                    ? m.pod()
                        + " (clusterSize "
                        + m.clusterSize()
                        + ", clusterSafe "
                        + m.clusterSafe()
                        + ", migrationQueueSize "
                        + m.migrationQueueSize()
                        + ")"
                    : m.pod() + " (unreachable)")
        .collect(Collectors.joining(", "));
  }

  static Violation violation(String rule, String subject, String what, String fix) {
    return new Violation(rule, subject + ": " + what + "; " + fix, fix);
  }

  private static Integer seconds(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return Integer.valueOf(raw.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
