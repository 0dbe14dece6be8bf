package io.gridshift.sandbox.temporal;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What to do with the starts a schedule has buffered, given whether its last run still runs: the
 * server's {@code ProcessBuffer} ({@code buffer.go}), which is the whole meaning of the overlap
 * policies.
 *
 * <ul>
 *   <li>ALLOW_ALL: every such start goes now.
 *   <li>Nothing running: the first other start goes now.
 *   <li>Otherwise SKIP drops the start; BUFFER_ONE keeps the first and drops the rest; BUFFER_ALL
 *       keeps all; CANCEL_OTHER and TERMINATE_OTHER keep it and ask for the running one to be
 *       cancelled or terminated (then no ALLOW_ALL start goes either).
 * </ul>
 */
final class StartBuffer {
  private StartBuffer() {}

  /**
   * One start waiting to be taken.
   *
   * @param nominal the spec's time, before jitter
   * @param actual when it was due (jitter included) or, for a manual start, when it was asked for
   * @param overlap its own policy, or UNSPECIFIED for the schedule's policy at the time it is taken
   * @param manual a trigger or backfill (not counted against remaining actions, never missed)
   */
  record Start(Instant nominal, Instant actual, ScheduleOverlapPolicy overlap, boolean manual) {}

  /**
   * The outcome of one pass over the buffer.
   *
   * @param overlapping ALLOW_ALL starts to take now
   * @param nonOverlapping the one other start to take now, or null
   * @param remaining what stays buffered
   * @param cancel cancel the running workflow(s)
   * @param terminate terminate the running workflow(s) (wins over cancel)
   * @param skipped starts dropped by the overlap policy
   */
  record Outcome(
      List<Start> overlapping,
      Start nonOverlapping,
      List<Start> remaining,
      boolean cancel,
      boolean terminate,
      int skipped) {}

  static Outcome process(
      List<Start> buffer, boolean running, UnaryOperator<ScheduleOverlapPolicy> resolve) {
    List<Start> overlapping = new ArrayList<>();
    List<Start> remaining = new ArrayList<>();
    Start now = null;
    boolean cancel = false;
    boolean terminate = false;
    int skipped = 0;
    for (Start start : buffer) {
      ScheduleOverlapPolicy policy = resolve.apply(start.overlap());
      if (policy == ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL) {
        overlapping.add(start);
        continue;
      }
      if (!running && now == null) {
        now = start;
        continue;
      }
      switch (policy) {
        case SCHEDULE_OVERLAP_POLICY_BUFFER_ONE -> {
          if (remaining.isEmpty()) {
            remaining.add(start);
          } else {
            skipped++;
          }
        }
        case SCHEDULE_OVERLAP_POLICY_BUFFER_ALL -> remaining.add(start);
        case SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER, SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER -> {
          if (running) {
            cancel |= policy == ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER;
            terminate |= policy == ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER;
            remaining.add(start);
          } else {
            now = start; // nothing runs yet: this one replaces the one about to start
          }
        }
        default -> skipped++; // SKIP
      }
    }
    if (cancel || terminate) {
      overlapping.clear();
    }
    return new Outcome(overlapping, now, remaining, cancel, terminate, skipped);
  }
}
