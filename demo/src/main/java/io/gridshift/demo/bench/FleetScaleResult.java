package io.gridshift.demo.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's figures, as the JSON report has them ({@code --report F}). Null where a run was
 * not made (the fleet before its workflow exists, or {@code --only}).
 *
 * @param grids grids in the fleet
 * @param clusters clusters they are dealt over
 * @param wallSeconds the fleet run, start to result (plan included)
 * @param floorSeconds the floor run, start to result
 * @param ratio wallSeconds / floorSeconds
 * @param succeeded grids the fleet upgraded
 * @param failed grids it did not
 * @param floorSucceeded children the floor ran to success
 * @param fleetRuns runs of the fleet workflow (continue-as-new)
 * @param maxFleetHistoryEvents the largest fleet run's history
 * @param meanFleetHistoryEvents mean over the fleet's runs
 * @param floorHistoryEvents the floor parent's history (one run)
 * @param maxChildHistoryEvents the largest child's history (fleet children, else the floor's)
 * @param meanChildHistoryEvents mean over those children
 * @param maxPendingChildren most children pending at once under the fleet
 * @param floorMaxPendingChildren most children pending at once under the floor
 * @param heapMb the worker's heap at its peak
 * @param heapMaxMb the heap the worker may grow to
 * @param heapOwnJvm whether the worker ran in its own JVM (else heapMb includes the server)
 * @param eligibleToStartMs from a grid becoming eligible to its child starting (the fleet status'
 *     eligibleAt and startedAt)
 * @param slotRefillMs under the fleet, from a child's end to the start command of the child that
 *     took its slot (from the fleet's histories)
 * @param floorSlotRefillMs the same under the floor
 * @param loadAverage the machine's 1-minute load average before the floor and after the fleet
 * @param activityCalls per kind, activities one child of that kind scheduled
 * @param machine cores, CPU, memory, Java, OS
 * @param settings the pace, window and worker settings of the run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FleetScaleResult(
    int grids,
    int clusters,
    Double wallSeconds,
    Double floorSeconds,
    Double ratio,
    Integer succeeded,
    Integer failed,
    Integer floorSucceeded,
    Integer fleetRuns,
    Integer maxFleetHistoryEvents,
    Double meanFleetHistoryEvents,
    Integer floorHistoryEvents,
    Integer maxChildHistoryEvents,
    Double meanChildHistoryEvents,
    Integer maxPendingChildren,
    Integer floorMaxPendingChildren,
    Long heapMb,
    Long heapMaxMb,
    Boolean heapOwnJvm,
    Percentiles eligibleToStartMs,
    Percentiles slotRefillMs,
    Percentiles floorSlotRefillMs,
    String loadAverage,
    Map<String, Integer> activityCalls,
    String machine,
    String settings) {

  /**
   * Percentiles of a list of delays (nearest rank).
   *
   * @param p50 median
   * @param p99 99th percentile
   * @param max largest
   * @param count how many delays
   */
  record Percentiles(long p50, long p99, long max, int count) {
    static Percentiles of(List<Long> values) {
      if (values.isEmpty()) {
        return null;
      }
      List<Long> sorted = values.stream().sorted().toList();
      return new Percentiles(
          rank(sorted, 50), rank(sorted, 99), Collections.max(sorted), sorted.size());
    }

    private static long rank(List<Long> sorted, int percent) {
      int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, index));
    }
  }
}
