package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.Versions;

/**
 * Which {@link HazelcastPath} an upgrade takes, decided from the edition and the two versions alone
 * (pure, so a replay decides the same):
 *
 * <ol>
 *   <li>the same major.minor (a patch), either edition: {@link HazelcastPath#ROLLING};
 *   <li>Enterprise to the next minor of the same major: {@link HazelcastPath#ROLLING}, the cluster
 *       version following after the last member ({@link HazelcastVersionRules#AUTO_UPGRADE});
 *   <li>open source to any later minor of the same major, one or several: {@link
 *       HazelcastPath#BLUE_GREEN}. Open-source members refuse to join a cluster of another minor
 *       version, so the data moves to a new cluster instead; since nothing joins across versions,
 *       5.3 -> 5.5 needs no 5.4 cluster in between;
 *   <li>anything else has no path: a downgrade, Enterprise across more than one minor (it rolls one
 *       minor at a time), a new major version (Hazelcast 5.x clients talk to 5.x clusters only, so
 *       clients could not follow a switch). {@link HazelcastVersionRules} says why and what to do.
 * </ol>
 */
public final class HazelcastPaths {
  private HazelcastPaths() {}

  /** The path from {@code from} to {@code to}, or null when there is none (see the class). */
  public static HazelcastPath decide(HazelcastEdition edition, String from, String to) {
    if (!Versions.isValid(from) || !Versions.isValid(to) || Versions.compare(to, from) <= 0) {
      return null;
    }
    int[] a = Versions.parse(from);
    int[] b = Versions.parse(to);
    if (a[0] != b[0]) {
      return null;
    }
    if (a[1] == b[1]) {
      return HazelcastPath.ROLLING;
    }
    if (edition == HazelcastEdition.ENTERPRISE) {
      return b[1] == a[1] + 1 ? HazelcastPath.ROLLING : null;
    }
    return HazelcastPath.BLUE_GREEN;
  }

  /** The path and why the plan takes it, for the summary; null when it has none. */
  public static String why(HazelcastPlan plan) {
    if (plan.path() == null) {
      return null;
    }
    String name = plan.path() == HazelcastPath.BLUE_GREEN ? "blue-green" : "rolling";
    return name + ": " + reason(plan);
  }

  /** Why the plan takes its path, e.g. "a patch upgrade, ..."; null when it has none. */
  public static String reason(HazelcastPlan plan) {
    if (plan.path() == null) {
      return null;
    }
    String from = plan.fromVersion();
    String to = plan.targetVersion();
    if (plan.path() == HazelcastPath.BLUE_GREEN) {
      return blueGreenReason(from, to);
    }
    if (Versions.majorMinor(from).equals(Versions.majorMinor(to))) {
      return "a patch upgrade, members of " + from + " and " + to + " form one cluster";
    }
    return "Hazelcast Enterprise rolls to the next minor version, the cluster version following"
        + " after the last member";
  }

  /** Why an open-source jump from {@code from} to a later minor {@code to} goes blue-green. */
  static String blueGreenReason(String from, String to) {
    return "open-source members refuse to join a cluster of another minor version ("
        + Versions.majorMinor(from)
        + " -> "
        + Versions.majorMinor(to)
        + "), so a new "
        + Versions.majorMinor(to)
        + " cluster starts beside this one and the data moves to it";
  }
}
