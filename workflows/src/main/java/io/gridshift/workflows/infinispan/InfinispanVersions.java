package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Versions;
import java.util.List;
import java.util.Optional;

/**
 * Which Infinispan version jumps gridshift supports. A target family is listed only once an upgrade
 * to it was run for real (see RUNTIME.md): 16.x rejects {@code raw-values} and failed with
 * protostream. Whether a version is a release at all is {@link InfinispanReleases}' question,
 * answered before this one.
 */
public final class InfinispanVersions {
  /** major.minor families that are tested as targets. */
  public static final List<String> SUPPORTED_TARGETS = List.of("14.0", "15.0", "15.1", "15.2");

  /** Oldest source with the runtime {@code source-connection} REST API. */
  public static final String MIN_RUNTIME_SOURCE = "13.0";

  private InfinispanVersions() {}

  /** Why upgrading {@code source} to {@code target} is refused, or empty when it is supported. */
  public static Optional<String> refusal(String source, String target) {
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
}
