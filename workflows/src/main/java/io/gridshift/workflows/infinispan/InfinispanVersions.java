package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Versions;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The version rules that hold whatever the measured matrix says ({@link #basicRefusal}), and the
 * rules as they were before it ({@link #refusal}, kept for histories recorded before {@code
 * WorkflowChanges.UPGRADE_PATHS}). Which pairs work in which mode is {@link UpgradePaths}'
 * decision; whether a version is a release at all is {@link InfinispanReleases}' question, answered
 * before either.
 */
public final class InfinispanVersions {
  /**
   * major.minor families supported as targets without a measurement: a pair into one of them that
   * the matrix has not measured is allowed with a warning. 16.x is not among them (it rejects
   * {@code raw-values} and failed with protostream, RUNTIME.md): a 16.0 target needs a row the
   * matrix marks usable.
   */
  public static final List<String> SUPPORTED_TARGETS = List.of("14.0", "15.0", "15.1", "15.2");

  /** Oldest source with the runtime {@code source-connection} REST API. */
  public static final String MIN_RUNTIME_SOURCE = "13.0";

  /** The major.minor families of every known release (10.1, 11.0, ... 16.0). */
  static final List<String> KNOWN_FAMILIES =
      List.copyOf(
          new TreeSet<>(InfinispanReleases.RELEASES.stream().map(Versions::majorMinor).toList()));

  private InfinispanVersions() {}

  /**
   * Why upgrading {@code source} to {@code target} is refused whatever the matrix says: the source
   * is not a version or not of a known release family, or the target is not newer. Empty when
   * neither.
   */
  public static Optional<String> basicRefusal(String source, String target) {
    Optional<String> asBefore = notAnUpgrade(source, target);
    if (asBefore.isPresent()) {
      return asBefore;
    }
    if (!KNOWN_FAMILIES.contains(Versions.majorMinor(source))) {
      return Optional.of(
          "the source version "
              + source
              + " is not of a known Infinispan release family ("
              + String.join(", ", KNOWN_FAMILIES)
              + "), so no upgrade path from it is known; check the source's image tag, or"
              + " upgrade it by hand to one of those families first");
    }
    return Optional.empty();
  }

  /**
   * Why upgrading {@code source} to {@code target} is refused, or empty when it is supported: the
   * rule before the matrix (a target family of {@link #SUPPORTED_TARGETS}, whatever the source).
   */
  public static Optional<String> refusal(String source, String target) {
    Optional<String> basic = notAnUpgrade(source, target);
    if (basic.isPresent()) {
      return basic;
    }
    if (!SUPPORTED_TARGETS.contains(Versions.majorMinor(target))) {
      return Optional.of(
          "targetVersion "
              + target
              + " is not a supported target; supported: "
              + SUPPORTED_TARGETS
              + " (16.x is refused until an upgrade to it passes end to end)");
    }
    return Optional.empty();
  }

  /** Whether {@code source} has the REST source-connection RUNTIME mode needs. */
  public static boolean hasRuntimeSourceConnection(String source) {
    return Versions.compare(source, MIN_RUNTIME_SOURCE) >= 0;
  }

  /** The refusal of RUNTIME mode on a source without the REST source-connection. */
  public static String noRuntimeSourceConnection() {
    return "it has no runtime source-connection API (RUNTIME mode needs "
        + MIN_RUNTIME_SOURCE
        + "+); set connectionMode CONFIG, or leave connectionMode out and the plan chooses it";
  }

  private static Optional<String> notAnUpgrade(String source, String target) {
    if (!Versions.isValid(source)) {
      return Optional.of(
          "the source image tag '" + source + "' is not a version; set the image tag to a version");
    }
    if (Versions.compare(target, source) <= 0) {
      return Optional.of(
          "targetVersion "
              + target
              + " is not newer than the running "
              + source
              + "; gridshift upgrades only (a downgrade can lose data written in a newer format)");
    }
    return Optional.empty();
  }
}
