package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Versions;
import java.util.List;
import java.util.Map;

/**
 * One row of the upgrade-path matrix: a source and a target release as {@code bench/upgrade-paths}
 * ran them, what each connection mode did, and the upstream issues behind a failure. A user's
 * version uses the row of its major.minor family (a 14.0.25 source uses the 14.0.28 row).
 *
 * @param source the source release measured, e.g. {@code 14.0.28.Final}
 * @param target the target release measured, e.g. {@code 15.0.21.Final}
 * @param modes the result per connection mode; a mode left out was not run
 * @param issues upstream issues behind the failures, possibly none
 */
public record UpgradePath(
    String source,
    String target,
    Map<ConnectionMode, PathResult> modes,
    List<UpstreamIssue> issues) {

  public UpgradePath {
    modes = modes == null ? Map.of() : Map.copyOf(modes);
    issues = issues == null ? List.of() : List.copyOf(issues);
  }

  /** The source's major.minor, e.g. {@code 14.0}. */
  public String sourceFamily() {
    return Versions.majorMinor(source);
  }

  /** The target's major.minor. */
  public String targetFamily() {
    return Versions.majorMinor(target);
  }

  /** {@code 14.0 -> 15.0}. */
  public String families() {
    return sourceFamily() + " -> " + targetFamily();
  }

  /** The result of {@code mode}, NOT_RUN throughout when the mode was not run. */
  public PathResult result(ConnectionMode mode) {
    return modes.getOrDefault(mode, PathResult.notRun());
  }

  /** Some mode is usable. */
  public boolean usable() {
    return result(ConnectionMode.RUNTIME).usable() || result(ConnectionMode.CONFIG).usable();
  }

  /** Some mode ran at all (a row of NOT_RUN only counts as not measured). */
  public boolean measured() {
    return modes.values().stream().anyMatch(r -> r.connect() != PathStatus.NOT_RUN);
  }

  /** The upstream issues, cited: {@code ; upstream: ISPN-1 (url), ISPN-2 (url)}, or empty. */
  public String citedIssues() {
    if (issues.isEmpty()) {
      return "";
    }
    return "; upstream: " + String.join(", ", issues.stream().map(UpstreamIssue::cite).toList());
  }
}
