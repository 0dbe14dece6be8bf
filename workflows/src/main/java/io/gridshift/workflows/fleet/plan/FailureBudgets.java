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
 *   <li>A percent {@code "10%"} (0 to 100): that share of the stage's grids, rounded up: 10% of 25
 *       grids is 3, 10% of 9 grids is 1, 0% is 0. This is Open Cluster Management's rule for its
 *       rollout strategies' {@code maxFailures} (a percent is turned into clusters with {@code
 *       ceil}), and the same rounding as a stage's {@code percent}. Rounding down would make any
 *       percent under 100/size mean "no failure at all" on a small stage, which is not what a
 *       person who wrote a budget asked for; whoever wants none writes {@code "0"}.
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
      long size = Math.max(0, stageSize);
      return (int) ((size * Integer.parseInt(percent.group(1)) + 99) / 100); // rounded up
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
