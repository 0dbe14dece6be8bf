package io.gridshift.demo.bench;

import java.util.List;

/**
 * What one run (the floor or the fleet) measured.
 *
 * @param wallSeconds from the parent's start to its result
 * @param succeeded children that upgraded their grid
 * @param failed children that did not (or grids the fleet did not upgrade)
 * @param firstFailure why the first of them failed, or null
 * @param maxPendingChildren the most children pending at once, sampled
 * @param parentEventsPerRun history events of each run of the parent, first run first
 * @param childWorkflowIds every child's workflow id
 * @param eligibleToStartMs per started grid, from eligible to its child's start (fleet only)
 * @param slotRefillMs per child started into a freed slot, from the end that freed it to the
 *     parent's start command ({@link HistoryCounts#slotRefillMs})
 */
record RunFigures(
    double wallSeconds,
    int succeeded,
    int failed,
    String firstFailure,
    int maxPendingChildren,
    List<Integer> parentEventsPerRun,
    List<String> childWorkflowIds,
    List<Long> eligibleToStartMs,
    List<Long> slotRefillMs) {}
