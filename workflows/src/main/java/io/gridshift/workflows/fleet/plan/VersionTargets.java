package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.fleet.FleetSpec.VersionTarget;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a kind's {@link VersionTarget} into the one version its grids go to. Resolved once, at plan
 * time, and shown in the plan, so every grid of a kind in one fleet run gets the same version.
 *
 * <ol>
 *   <li>An exact {@code version} is the answer, as written.
 *   <li>Else {@code newestPatchOf: X.Y} picks, among {@code allowed}, the versions whose major and
 *       minor are X and Y, compared as numbers ({@code 15.0.21.Final} and {@code 15.00.3} are both
 *       of {@code 15.0}, {@code 15.10.1} is not), and returns the newest by {@link
 *       Versions#compare} ({@code 15.0.9.Final} is older than {@code 15.0.21.Final}), spelled as
 *       written in {@code allowed}. Two spellings of the same number: the first listed wins.
 * </ol>
 *
 * Whether the answer is a release of the kind is the child's own check (its request's problems,
 * against its kind's release catalog), run in the fleet's plan.
 */
public final class VersionTargets {
  private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)");

  private VersionTargets() {}

  /**
   * The version grids of {@code kind} go to.
   *
   * @throws IllegalArgumentException when {@code target} is missing, gives both or neither form, or
   *     no allowed version is a patch of {@code newestPatchOf}; the message says what to do
   */
  public static String resolve(String kind, VersionTarget target) {
    String field = "targets." + kind;
    if (target == null) {
      throw new IllegalArgumentException(
          field + " is missing; give version (e.g. 15.0.21.Final) or newestPatchOf and allowed");
    }
    boolean exact = target.version() != null && !target.version().isBlank();
    boolean newest = target.newestPatchOf() != null && !target.newestPatchOf().isBlank();
    if (exact == newest) {
      throw new IllegalArgumentException(
          field
              + (exact ? " gives both version and newestPatchOf" : " gives no version")
              + "; give exactly one: version (an exact version) or newestPatchOf (X.Y) with"
              + " allowed");
    }
    if (exact) {
      return target.version().trim();
    }
    int[] wanted = majorMinor(field, target.newestPatchOf());
    List<String> allowed = target.allowed() == null ? List.of() : target.allowed();
    String best = null;
    for (String candidate : allowed) {
      if (candidate == null || !Versions.isValid(candidate)) {
        continue; // FleetSpecProblems names it; it cannot be the newest of anything
      }
      int[] v = Versions.parse(candidate);
      if (v[0] == wanted[0]
          && v[1] == wanted[1]
          && (best == null || Versions.compare(candidate, best) > 0)) {
        best = candidate;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException(
          field
              + ".allowed "
              + allowed
              + " holds no version of "
              + target.newestPatchOf().trim()
              + "; add the "
              + target.newestPatchOf().trim()
              + ".x versions you allow, or change newestPatchOf");
    }
    return best;
  }

  /** [major, minor] of {@code text}, which must be exactly {@code X.Y}. */
  static int[] majorMinor(String field, String text) {
    Matcher m = MAJOR_MINOR.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          field
              + ".newestPatchOf '"
              + Limits.abbreviate(text)
              + "' is not a major.minor version; write it as X.Y, e.g. 15.0 or 5.3");
    }
    try {
      return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field + ".newestPatchOf '" + Limits.abbreviate(text) + "' has too many digits");
    }
  }
}
