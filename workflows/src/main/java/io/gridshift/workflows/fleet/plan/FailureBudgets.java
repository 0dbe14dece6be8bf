package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.common.Limits;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's failure budget ({@code maxFailures}) as a number of grids.
 *
 * <ol>
 *   <li>Absent (null or blank): 0, so the first failure halts the stage.
 *   <li>A number {@code "2"}: that many failures, whatever the stage's size.
 *   <li>A percent {@code "10%"} (0 to 100): that share of the stage's grids, rounded down: 10% of
 *       25 grids is 2, 10% of 9 grids is 0. Rounding down is the side of caution (the same side
 *       Kubernetes takes for a Deployment's {@code maxUnavailable}): a percent never tolerates a
 *       failure the person did not allow. Whoever wants at least one writes a number.
 * </ol>
 */
public final class FailureBudgets {
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%");

  private FailureBudgets() {}

  /**
   * How many of a stage's {@code stageSize} grids may fail before the fleet halts.
   *
   * @throws IllegalArgumentException when {@code maxFailures} is neither form (see {@link
   *     #problem})
   */
  public static int maxFailures(String maxFailures, int stageSize) {
    String problem = problem("maxFailures", maxFailures);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (maxFailures == null || maxFailures.isBlank()) {
      return 0;
    }
    String t = maxFailures.trim();
    Matcher percent = PERCENT.matcher(t);
    if (percent.matches()) {
      return (int) ((long) Math.max(0, stageSize) * Integer.parseInt(percent.group(1)) / 100);
    }
    return Integer.parseInt(t);
  }

  /** Why {@code maxFailures} cannot be the budget {@code field}, or null (null is valid: 0). */
  static String problem(String field, String maxFailures) {
    if (maxFailures == null || maxFailures.isBlank()) {
      return null;
    }
    String t = maxFailures.trim();
    Matcher percent = PERCENT.matcher(t);
    if (percent.matches() && Integer.parseInt(percent.group(1)) <= 100) {
      return null;
    }
    if (NUMBER.matcher(t).matches()) {
      return null;
    }
    return field
        + " '"
        + Limits.abbreviate(maxFailures)
        + "' is not a failure budget; give a number of grids (0, 1, 2...) or a percent of the"
        + " stage's grids from 0% to 100%";
  }
}
