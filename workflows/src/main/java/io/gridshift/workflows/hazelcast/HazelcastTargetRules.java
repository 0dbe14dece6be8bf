package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the target version needs of the members that will run it (part of {@link
 * HazelcastPreflight}):
 *
 * <ol>
 *   <li>{@value #JAVA_VERSION}: the Java the target image runs must be one the target supports.
 *       Hazelcast's images name their JDK in the tag ({@code 5.5.0-jdk21}); an image without it
 *       ships a JDK its own version supports, and a custom one cannot be told from outside. The
 *       minimum (docs.hazelcast.com, read 2026-12-07): Java 8 up to 5.3; Java 17 from 5.4 ("the
 *       minimum supported Java version is 17", 5.4.0 release notes; 5.5 and 5.6 list JDK 17 and
 *       21).
 *   <li>{@value #CP_SUBSYSTEM}: CP Subsystem ({@code cp-member-count} above 0) on an open-source
 *       target from 5.5, where it became Enterprise-only: the target would not run it.
 * </ol>
 *
 * <p>Serialization is not refused but told ({@link #serializationWarning}): the target must carry
 * the classes the member configuration names.
 */
final class HazelcastTargetRules {
  static final String JAVA_VERSION = "target-java-version";
  static final String CP_SUBSYSTEM = "cp-subsystem-enterprise-only";

  /** The first open-source version without CP Subsystem. */
  static final String CP_ENTERPRISE_ONLY_SINCE = "5.5";

  private static final Pattern JDK_TAG = Pattern.compile("-jdk(\\d+)");

  private HazelcastTargetRules() {}

  /** Violations of what the target needs; empty when it can run. */
  static List<Violation> check(
      String subject, HazelcastUpgradeRequest request, HazelcastWorkload w) {
    List<Violation> found = new ArrayList<>();
    String target = request.targetVersion();
    if (!Versions.isValid(target)) {
      return found;
    }
    String image = request.targetImageFor(w.image());
    Integer jdk = jdkOfTag(image);
    int minimum = minimumJava(target);
    if (jdk != null && jdk < minimum) {
      found.add(
          HazelcastPreflight.violation(
              JAVA_VERSION,
              subject,
              "targetImage "
                  + image
                  + " runs Java "
                  + jdk
                  + " and Hazelcast "
                  + target
                  + " needs Java "
                  + minimum
                  + " or later",
              "choose a "
                  + target
                  + " image with Java "
                  + minimum
                  + " or later, e.g. "
                  + Versions.imageRepository(image)
                  + ":"
                  + target
                  + "-jdk"
                  + minimum));
    }
    if (request.edition() != HazelcastEdition.ENTERPRISE
        && w.features().cpMemberCount() > 0
        && Versions.compare(target, CP_ENTERPRISE_ONLY_SINCE) >= 0) {
      found.add(
          HazelcastPreflight.violation(
              CP_SUBSYSTEM,
              subject,
              "the member configuration"
                  + (w.configMap() == null ? "" : " (ConfigMap " + w.configMap() + ")")
                  + " turns CP Subsystem on (cp-member-count "
                  + w.features().cpMemberCount()
                  + "), which is Enterprise-only from Hazelcast "
                  + CP_ENTERPRISE_ONLY_SINCE
                  + ", so open-source "
                  + target
                  + " members cannot run it",
              "move what the application keeps in CP data structures elsewhere and remove"
                  + " cp-member-count, or choose a targetVersion before "
                  + CP_ENTERPRISE_ONLY_SINCE
                  + ", or run Hazelcast Enterprise"));
    }
    return found;
  }

  /**
   * Classes of the application that the target's members need, when the member configuration names
   * some; null when it names none.
   */
  static String serializationWarning(HazelcastWorkload w, HazelcastPath path) {
    List<String> declared = w.features().serialization();
    if (declared.isEmpty()) {
      return null;
    }
    String copied =
        path == HazelcastPath.BLUE_GREEN
            ? "the new cluster's configuration is a copy of this one's, so it declares them too"
            : "every member restarts with them";
    return "the member configuration's serialization names classes of the application ("
        + String.join("; ", declared)
        + "): "
        + copied
        + ", and the target image must carry the same classes on its classpath, or its members"
        + " cannot read the data";
  }

  /** The JDK an image tag names ({@code 5.5.0-jdk21}: 21), or null when it names none. */
  static Integer jdkOfTag(String image) {
    String tag = Versions.imageTag(image);
    if (tag == null) {
      return null;
    }
    Matcher m = JDK_TAG.matcher(tag);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /** The oldest Java that Hazelcast {@code version} supports. */
  static int minimumJava(String version) {
    int[] v = Versions.parse(version);
    return v[0] > 5 || (v[0] == 5 && v[1] >= 4) ? 17 : 8;
  }
}
