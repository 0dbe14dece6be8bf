package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.List;
import java.util.Set;

/**
 * Which version jumps a Hazelcast cluster can roll, member by member (part of {@link
 * HazelcastPreflight}):
 *
 * <ol>
 *   <li>{@value #DOWNGRADE}: the target must be newer than what runs.
 *   <li>{@value #JUMP}: open source rolls patch versions only (same major.minor: a 5.4 member
 *       refuses to join a 5.3 cluster); enterprise rolls to the next minor version of the same
 *       major.
 *   <li>{@value #AUTO_UPGRADE}: an enterprise minor jump needs {@value
 *       #AUTO_UPGRADE_PROPERTY}=true, or the cluster keeps the old cluster version after the roll.
 * </ol>
 */
public final class HazelcastVersionRules {
  public static final String DOWNGRADE = "version-downgrade";
  public static final String JUMP = "version-jump";
  public static final String AUTO_UPGRADE = "cluster-version-auto-upgrade";
  public static final String AUTO_UPGRADE_PROPERTY =
      "hazelcast.cluster.version.auto.upgrade.enabled";

  /** Rules about the version jump (failure type UnsupportedVersion). */
  public static final Set<String> RULES = Set.of(DOWNGRADE, JUMP);

  private HazelcastVersionRules() {}

  /** Violations of the jump from the workload's version to the request's target. */
  static List<Violation> check(
      String subject, HazelcastUpgradeRequest request, HazelcastWorkload w) {
    String from = w.version();
    String to = request.targetVersion();
    if (!Versions.isValid(from)) {
      return List.of(
          HazelcastPreflight.violation(
              JUMP,
              subject,
              "the version of image " + w.image() + " cannot be read from its tag",
              "tag the image with its Hazelcast version, e.g. hazelcast/hazelcast:5.3.6"));
    }
    int order = Versions.compare(to, from);
    if (order == 0) {
      return List.of(
          HazelcastPreflight.violation(
              DOWNGRADE,
              subject,
              "already runs " + from,
              "choose a targetVersion newer than " + from));
    }
    if (order < 0) {
      return List.of(
          HazelcastPreflight.violation(
              DOWNGRADE,
              subject,
              "runs " + from + " and targetVersion " + to + " is older: members cannot roll back",
              "choose a targetVersion newer than " + from));
    }
    return jump(subject, request, w, from, to);
  }

  private static List<Violation> jump(
      String subject,
      HazelcastUpgradeRequest request,
      HazelcastWorkload w,
      String from,
      String to) {
    int[] a = Versions.parse(from);
    int[] b = Versions.parse(to);
    String change = from + " -> " + to;
    if (a[0] == b[0] && a[1] == b[1]) {
      return List.of();
    }
    if (request.edition() != HazelcastEdition.ENTERPRISE) {
      return List.of(
          HazelcastPreflight.violation(
              JUMP,
              subject,
              change
                  + " changes the minor version and the open-source edition rolls patch versions"
                  + " only",
              "choose a "
                  + Versions.majorMinor(from)
                  + ".x targetVersion, or set edition ENTERPRISE if the cluster runs Hazelcast"
                  + " Enterprise"));
    }
    if (a[0] != b[0]) {
      return List.of(
          HazelcastPreflight.violation(
              JUMP,
              subject,
              change + " changes the major version, which no rolling upgrade can",
              "start a new "
                  + Versions.majorMinor(to)
                  + " cluster beside this one and move clients and data to it (blue-green)"));
    }
    if (b[1] != a[1] + 1) {
      String next = a[0] + "." + (a[1] + 1);
      return List.of(
          HazelcastPreflight.violation(
              JUMP,
              subject,
              change + " is not a jump to the next minor version, the only one Enterprise rolls",
              "upgrade to a " + next + ".x version first"));
    }
    if (!"true".equalsIgnoreCase(trimmed(w.systemProperties().get(AUTO_UPGRADE_PROPERTY)))) {
      return List.of(
          HazelcastPreflight.violation(
              AUTO_UPGRADE,
              subject,
              change
                  + " is a minor upgrade and "
                  + AUTO_UPGRADE_PROPERTY
                  + " is not true, so the cluster would stay on version "
                  + Versions.majorMinor(from),
              "add -D"
                  + AUTO_UPGRADE_PROPERTY
                  + "=true to JAVA_OPTS of container "
                  + w.container()));
    }
    return List.of();
  }

  /** Whether the jump is an enterprise minor upgrade (the cluster version then follows). */
  public static boolean minorJump(String from, String to) {
    return !Versions.majorMinor(from).equals(Versions.majorMinor(to));
  }

  private static String trimmed(String s) {
    return s == null ? null : s.trim();
  }
}
