package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Rules;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which version jumps a Hazelcast upgrade can make (part of {@link HazelcastPreflight}; the path
 * each takes is {@link HazelcastPaths}'):
 *
 * <ol>
 *   <li>{@value #DOWNGRADE}: the target must be newer than what runs.
 *   <li>{@value #JUMP}: open source rolls patch versions (same major.minor: a 5.4 member refuses to
 *       join a 5.3 cluster) and moves to a later minor blue-green; enterprise rolls to the next
 *       minor version of the same major; a new major version is refused for both.
 *   <li>{@value #AUTO_UPGRADE}: an enterprise minor jump needs {@value
 *       #AUTO_UPGRADE_PROPERTY}=true, or the cluster keeps the old cluster version after the roll.
 *   <li>{@value #EDITION_CHANGE}: the target image is of the edition the running image is (told by
 *       the repositories Hazelcast publishes, {@value #OPEN_SOURCE_REPOSITORY} and {@value
 *       #ENTERPRISE_REPOSITORY}).
 * </ol>
 *
 * <p>With {@link Rules#ROLLING_ONLY} (histories recorded before the paths) every jump must roll: an
 * open-source minor jump is refused, and the edition is not compared.
 */
public final class HazelcastVersionRules {
  public static final String DOWNGRADE = "version-downgrade";
  public static final String JUMP = "version-jump";
  public static final String AUTO_UPGRADE = "cluster-version-auto-upgrade";
  public static final String EDITION_CHANGE = "edition-change";
  public static final String AUTO_UPGRADE_PROPERTY =
      "hazelcast.cluster.version.auto.upgrade.enabled";

  /** Rules about the version jump (failure type UnsupportedVersion). */
  public static final Set<String> RULES = Set.of(DOWNGRADE, JUMP, EDITION_CHANGE);

  /** The last path component of the open-source edition's image repository. */
  static final String OPEN_SOURCE_REPOSITORY = "hazelcast";

  /** The last path component of Hazelcast Enterprise's image repository. */
  static final String ENTERPRISE_REPOSITORY = "hazelcast-enterprise";

  private HazelcastVersionRules() {}

  /** Violations of the jump from the workload's version and image to the request's target. */
  static List<Violation> check(
      String subject, HazelcastUpgradeRequest request, HazelcastWorkload w, Rules rules) {
    List<Violation> found = new ArrayList<>(versions(subject, request, w, rules));
    if (rules == Rules.PATHS) {
      found.addAll(edition(subject, request, w));
    }
    return found;
  }

  private static List<Violation> versions(
      String subject, HazelcastUpgradeRequest request, HazelcastWorkload w, Rules rules) {
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
    return jump(subject, request, w, from, to, rules);
  }

  private static List<Violation> jump(
      String subject,
      HazelcastUpgradeRequest request,
      HazelcastWorkload w,
      String from,
      String to,
      Rules rules) {
    int[] a = Versions.parse(from);
    int[] b = Versions.parse(to);
    String change = from + " -> " + to;
    if (a[0] == b[0] && a[1] == b[1]) {
      return List.of();
    }
    if (request.edition() != HazelcastEdition.ENTERPRISE && rules == Rules.ROLLING_ONLY) {
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
    if (request.edition() != HazelcastEdition.ENTERPRISE) {
      return List.of(); // a later minor of the same major: blue-green (HazelcastPaths)
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

  /**
   * An edition change: gridshift upgrades a cluster within its edition; moving between open source
   * and Enterprise (a license, other images, other features) is its own change.
   */
  private static List<Violation> edition(
      String subject, HazelcastUpgradeRequest request, HazelcastWorkload w) {
    String target = request.targetImageFor(w.image());
    HazelcastEdition source = editionOf(w.image());
    HazelcastEdition wanted = editionOf(target);
    if (source == null || wanted == null || source == wanted) {
      return List.of();
    }
    return List.of(
        HazelcastPreflight.violation(
            EDITION_CHANGE,
            subject,
            "image "
                + w.image()
                + " is "
                + name(source)
                + " and targetImage "
                + target
                + " is "
                + name(wanted)
                + ": an upgrade keeps the edition",
            "choose a targetImage from "
                + Versions.imageRepository(w.image())
                + ", and change the edition as a change of its own"));
  }

  /**
   * The edition an image's repository says, or null when it is neither of Hazelcast's own (a mirror
   * or a custom build may be named anything).
   */
  static HazelcastEdition editionOf(String image) {
    if (image == null) {
      return null;
    }
    String repository = Versions.imageRepository(image);
    String last = repository.substring(repository.lastIndexOf('/') + 1);
    return switch (last) {
      case OPEN_SOURCE_REPOSITORY -> HazelcastEdition.OPEN_SOURCE;
      case ENTERPRISE_REPOSITORY -> HazelcastEdition.ENTERPRISE;
      default -> null;
    };
  }

  private static String name(HazelcastEdition edition) {
    return edition == HazelcastEdition.ENTERPRISE
        ? "Hazelcast Enterprise"
        : "the open-source edition";
  }

  /** Whether the jump is an enterprise minor upgrade (the cluster version then follows). */
  public static boolean minorJump(String from, String to) {
    return !Versions.majorMinor(from).equals(Versions.majorMinor(to));
  }

  private static String trimmed(String s) {
    return s == null ? null : s.trim();
  }
}
