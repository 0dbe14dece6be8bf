package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Versions;
import java.util.List;
import java.util.Optional;

/**
 * Which way to go instead when a source/target pair has no usable mode, computed from the matrix:
 *
 * <ol>
 *   <li>an intermediate version M with source -> M and M -> target both measured usable (the newest
 *       such M, so the second hop is the shortest);
 *   <li>else the nearest target measured usable from the source: the newest one older than the
 *       target, else the oldest one newer;
 *   <li>else no measured way: say so, and how to measure it.
 * </ol>
 */
final class PathAdvice {
  private PathAdvice() {}

  /** What to do instead of upgrading {@code source} to {@code target}, as one clause. */
  static String instead(UpgradePathMatrix matrix, String source, String target) {
    Optional<UpgradePath> via = intermediate(matrix, source, target);
    if (via.isPresent()) {
      String m = via.get().target();
      return "upgrade in two hops instead: first to "
          + m
          + ", then to "
          + target
          + " (both "
          + Versions.majorMinor(source)
          + " -> "
          + Versions.majorMinor(m)
          + " and "
          + Versions.majorMinor(m)
          + " -> "
          + Versions.majorMinor(target)
          + " are measured usable)";
    }
    Optional<UpgradePath> nearest = nearestTarget(matrix, source, target);
    if (nearest.isPresent()) {
      return "upgrade to "
          + nearest.get().target()
          + " instead (the nearest target measured usable from "
          + Versions.majorMinor(source)
          + ")";
    }
    return "no target is measured usable from "
        + Versions.majorMinor(source)
        + ": measure the pair with bench/upgrade-paths, or upgrade by hand";
  }

  /** Step 1: the newest M between source and target with both hops usable. */
  static Optional<UpgradePath> intermediate(
      UpgradePathMatrix matrix, String source, String target) {
    List<UpgradePath> firstHops = matrix.usableFrom(source);
    for (int i = firstHops.size() - 1; i >= 0; i--) {
      UpgradePath hop = firstHops.get(i);
      boolean between = familyOrder(hop.target(), target) < 0;
      if (between && matrix.row(hop.target(), target).filter(UpgradePath::usable).isPresent()) {
        return Optional.of(hop);
      }
    }
    return Optional.empty();
  }

  /** Step 2: the newest usable target older than {@code target}, else the oldest newer one. */
  static Optional<UpgradePath> nearestTarget(
      UpgradePathMatrix matrix, String source, String target) {
    List<UpgradePath> usable = matrix.usableFrom(source);
    Optional<UpgradePath> older =
        usable.stream().filter(p -> familyOrder(p.target(), target) < 0).reduce((a, b) -> b);
    if (older.isPresent()) {
      return older;
    }
    return usable.stream().filter(p -> familyOrder(p.target(), target) > 0).findFirst();
  }

  /** Compares the major.minor families only: 15.2.1 and 15.2.6 are the same family. */
  private static int familyOrder(String a, String b) {
    return Versions.compare(Versions.majorMinor(a), Versions.majorMinor(b));
  }
}
