package io.gridshift.sandbox.temporal.visibility;

import java.util.Comparator;
import java.util.function.Predicate;

/**
 * A parsed visibility query: which executions it selects, in what order, and whether a count is
 * grouped by ExecutionStatus. {@link VisibilityQueryParser#parse} makes one.
 *
 * @param filter true for the executions the query selects
 * @param order the ORDER BY, or StartTime descending (then RunId) when there is none
 * @param groupByStatus whether the query ends with {@code GROUP BY ExecutionStatus}
 */
public record VisibilityQuery(
    Predicate<ExecutionRecord> filter, Comparator<ExecutionRecord> order, boolean groupByStatus) {

  /** Whether {@code record} is selected. */
  public boolean matches(ExecutionRecord record) {
    return filter.test(record);
  }
}
