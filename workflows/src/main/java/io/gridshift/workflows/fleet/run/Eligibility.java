package io.gridshift.workflows.fleet.run;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * When each grid of the running stage became eligible to start, for its {@code eligibleAt}: the
 * latest of the moments each rule let it go, namely
 *
 * <ul>
 *   <li>a slot free: the end of the child whose slot it takes (the time its last step ended, as the
 *       child recorded it), or the stage's start for the slots free then;
 *   <li>the grid queued (its stage began, or a person retried it);
 *   <li>the run not paused or halted: the resume;
 *   <li>its cluster's window open: the opening, when the grid waited for it;
 *   <li>a slot free in its cluster, when {@code maxParallelPerCluster} held it: that cluster's last
 *       child end.
 * </ul>
 *
 * The fleet's own latency (workflow tasks, the start round trip, the drains before continue-as-new)
 * is then {@code eligibleAt -> startedAt}. Free slots are kept oldest first: the grid next in plan
 * order takes the slot freed first. Workflow thread only.
 */
final class Eligibility {
  private final ArrayDeque<Long> freeSlots = new ArrayDeque<>();
  private final Map<String, Long> clusterFreedAt = new HashMap<>();
  private final Map<String, Long> windowOpensAt = new HashMap<>();
  private final Set<String> heldByCluster = new HashSet<>();
  private long notBefore;

  /** The stage (or this run of it) begins with {@code slots} free slots, free since now. */
  void begin(int slots) {
    long now = Workflow.currentTimeMillis();
    freeSlots.clear();
    for (int i = 0; i < slots; i++) {
      freeSlots.addLast(now);
    }
    notBefore = now;
  }

  /** A child of {@code cluster} ended at {@code endedAt}: its slot is free from then on. */
  void slotFreed(String cluster, long endedAt) {
    freeSlots.addLast(endedAt);
    clusterFreedAt.merge(cluster, endedAt, Math::max);
  }

  /** Nothing could start before now (the run was paused or halted and goes on). */
  void resumed() {
    notBefore = Workflow.currentTimeMillis();
  }

  /** {@code cluster}'s window, closed, opens at {@code opens}. */
  void windowOpens(String cluster, Instant opens) {
    windowOpensAt.put(cluster, opens.toEpochMilli());
  }

  /** {@code grid} could have started but for its cluster's {@code maxParallelPerCluster}. */
  void heldByCluster(FleetGrid grid) {
    heldByCluster.add(grid.path());
  }

  /** Free slots not yet taken (by a start, or by a grid marked eligible during a drain). */
  int free() {
    return freeSlots.size();
  }

  /**
   * {@code grid} takes the oldest free slot; it becomes eligible now unless it already was (marked
   * during a drain, possibly in an earlier run: that moment stays).
   *
   * @param waitedForWindow whether it was WAITING_WINDOW until now
   */
  void take(FleetGrid grid, boolean waitedForWindow) {
    long now = Workflow.currentTimeMillis();
    Long slot = freeSlots.pollFirst();
    if (grid.eligibleAt != null) {
      heldByCluster.remove(grid.path());
      return;
    }
    long at = Math.max(slot == null ? now : slot, Math.max(notBefore, grid.queuedAt));
    if (waitedForWindow) {
      at = Math.max(at, windowOpensAt.getOrDefault(grid.id.cluster(), now));
    }
    if (heldByCluster.remove(grid.path())) {
      at = Math.max(at, clusterFreedAt.getOrDefault(grid.id.cluster(), now));
    }
    grid.eligibleAt = Instant.ofEpochMilli(Math.min(at, now)).toString();
  }
}
