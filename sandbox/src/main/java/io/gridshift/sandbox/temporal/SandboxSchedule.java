package io.gridshift.sandbox.temporal;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.gridshift.sandbox.temporal.StartBuffer.Start;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.schedule.v1.BackfillRequest;
import io.temporal.api.schedule.v1.Schedule;
import io.temporal.api.schedule.v1.ScheduleActionResult;
import io.temporal.api.schedule.v1.ScheduleInfo;
import io.temporal.api.schedule.v1.ScheduleListEntry;
import io.temporal.api.schedule.v1.ScheduleListInfo;
import io.temporal.api.schedule.v1.SchedulePatch;
import io.temporal.api.schedule.v1.SchedulePolicies;
import io.temporal.api.schedule.v1.ScheduleState;
import io.temporal.api.workflowservice.v1.DescribeScheduleResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One schedule held in memory, run the way Temporal's scheduler workflow runs it ({@code
 * workflow.go}); {@link ScheduleService} calls it under one lock.
 *
 * <ol>
 *   <li>{@link #advance}: take every time the spec yields from the last processed time up to now.
 *       Paused (or out of remaining actions), the whole range is passed over. A time older than the
 *       catch-up window is counted as missed, not started; a time before the last update is
 *       dropped. The rest join the buffer.
 *   <li>Look at the workflows it started that may still run ({@link WorkflowFrontend#status}).
 *   <li>Apply the overlap policies ({@link StartBuffer}) and start what they allow: workflow id
 *       {@code <action id>-<nominal time, RFC 3339 UTC>}, the action's input, memo, search
 *       attributes and timeouts, identity {@code temporal-scheduler-<namespace>-<id>}.
 *   <li>Trigger and backfill add manual starts; pause and unpause set the state and its note.
 * </ol>
 *
 * Not modelled: pause-on-failure, last completion results, the server's 1,000-start buffer limit.
 */
final class SandboxSchedule {
  static final Duration DEFAULT_CATCHUP_WINDOW = Duration.ofDays(365);
  static final Duration MIN_CATCHUP_WINDOW = Duration.ofSeconds(10);
  static final int RECENT_ACTIONS = 10;
  static final int FUTURE_ACTIONS = 10;
  static final int RECENT_ACTIONS_IN_LIST = 5;
  static final int FUTURE_ACTIONS_IN_LIST = 5;

  private final String namespace;
  private final String id;
  private final Memo memo;
  private final Instant createTime;
  private SearchAttributes searchAttributes;
  private Schedule schedule;
  private ScheduleSpecEvaluator spec;
  private Instant updateTime;
  private Instant lastProcessed;
  private long conflictToken = 1;
  private long actionCount;
  private long missedCatchupWindow;
  private long overlapSkipped;
  private List<Start> buffer = new ArrayList<>();
  private final List<WorkflowExecution> running = new ArrayList<>();
  private final List<ScheduleActionResult> recent = new ArrayList<>();

  /**
   * @throws IllegalArgumentException when the spec is invalid
   */
  SandboxSchedule(
      String namespace,
      String id,
      Schedule schedule,
      Memo memo,
      SearchAttributes searchAttributes,
      Instant now) {
    this.namespace = namespace;
    this.id = id;
    this.memo = memo;
    this.searchAttributes = searchAttributes;
    this.createTime = now;
    this.lastProcessed = now;
    replace(schedule);
  }

  String id() {
    return id;
  }

  /** Replaces spec, action, policies and state (UpdateSchedule); the history stays. */
  void update(
      Schedule newSchedule, SearchAttributes newSearchAttributes, ByteString token, Instant now) {
    if (!token.isEmpty() && !token.equals(conflictToken())) {
      throw new IllegalStateException(
          "schedule " + id + " changed since it was described; describe it and update again");
    }
    replace(newSchedule);
    if (newSearchAttributes != null) {
      searchAttributes = newSearchAttributes;
    }
    updateTime = now;
    conflictToken++;
  }

  /** Trigger, backfill, pause, unpause (PatchSchedule). */
  void patch(SchedulePatch patch, Instant now) {
    if (patch.hasTriggerImmediately()) {
      Instant at =
          patch.getTriggerImmediately().hasScheduledTime()
              ? ScheduleSpecEvaluator.toInstant(patch.getTriggerImmediately().getScheduledTime())
              : now;
      buffer.add(new Start(at, at, patch.getTriggerImmediately().getOverlapPolicy(), true));
    }
    for (BackfillRequest backfill : patch.getBackfillRequestList()) {
      // Inclusive start, as the server has done since its InclusiveBackfillStartTime version.
      Instant from = ScheduleSpecEvaluator.toInstant(backfill.getStartTime()).minusMillis(1);
      Instant to = ScheduleSpecEvaluator.toInstant(backfill.getEndTime());
      takeTimes(from, to, backfill.getOverlapPolicy(), true);
    }
    if (!patch.getPause().isEmpty()) {
      setState(true, patch.getPause());
    }
    if (!patch.getUnpause().isEmpty()) {
      setState(false, patch.getUnpause());
    }
  }

  /**
   * Takes the times due up to {@code now} and starts what the overlap policy allows.
   *
   * @return when to look again: the next due time, or soon while starts wait for a running
   *     workflow; null when nothing will ever be due
   */
  Instant advance(Instant now, WorkflowFrontend frontend) {
    if (now.isAfter(lastProcessed)) {
      lastProcessed = takeTimes(lastProcessed, now, unspecified(), false);
    }
    for (int pass = 0; pass < 10 && startBuffered(now, frontend); pass++) {
      // a start was refused or dropped: look at the buffer again, as the server does
    }
    if (!buffer.isEmpty()) {
      return now.plusMillis(250); // waiting for a running workflow to close
    }
    ScheduleSpecEvaluator.NextTime next = spec.next(jitterSeed(), lastProcessed);
    return next == null ? null : next.next();
  }

  DescribeScheduleResponse describe() {
    ScheduleInfo.Builder info =
        ScheduleInfo.newBuilder()
            .setActionCount(actionCount)
            .setMissedCatchupWindow(missedCatchupWindow)
            .setOverlapSkipped(overlapSkipped)
            .setBufferSize(buffer.size())
            .addAllRunningWorkflows(running)
            .addAllRecentActions(recent)
            .addAllFutureActionTimes(futureTimes(FUTURE_ACTIONS))
            .setCreateTime(Timestamps.fromMillis(createTime.toEpochMilli()));
    if (updateTime != null) {
      info.setUpdateTime(Timestamps.fromMillis(updateTime.toEpochMilli()));
    }
    return DescribeScheduleResponse.newBuilder()
        .setSchedule(schedule)
        .setInfo(info)
        .setMemo(memo)
        .setSearchAttributes(searchAttributes)
        .setConflictToken(conflictToken())
        .build();
  }

  ScheduleListEntry listEntry() {
    ScheduleListInfo info =
        ScheduleListInfo.newBuilder()
            .setSpec(schedule.getSpec())
            .setWorkflowType(schedule.getAction().getStartWorkflow().getWorkflowType())
            .setNotes(schedule.getState().getNotes())
            .setPaused(schedule.getState().getPaused())
            .addAllRecentActions(
                recent.subList(Math.max(0, recent.size() - RECENT_ACTIONS_IN_LIST), recent.size()))
            .addAllFutureActionTimes(futureTimes(FUTURE_ACTIONS_IN_LIST))
            .build();
    return ScheduleListEntry.newBuilder()
        .setScheduleId(id)
        .setMemo(memo)
        .setSearchAttributes(searchAttributes)
        .setInfo(info)
        .build();
  }

  /** Every actual time in {@code (start, end]}, at most 1,000 (ListScheduleMatchingTimes). */
  List<com.google.protobuf.Timestamp> matchingTimes(Instant start, Instant end) {
    List<com.google.protobuf.Timestamp> out = new ArrayList<>();
    for (Instant t : spec.times(jitterSeed(), start, 1000)) {
      if (t.isAfter(end)) {
        break;
      }
      out.add(Timestamps.fromMillis(t.toEpochMilli()));
    }
    return out;
  }

  private void replace(Schedule newSchedule) {
    ScheduleSpecEvaluator compiled = ScheduleSpecEvaluator.compile(newSchedule.getSpec());
    SchedulePolicies.Builder policies = newSchedule.getPolicies().toBuilder();
    // Defaults set eagerly so that they show in Describe, as the server does.
    policies.setOverlapPolicy(resolve(policies.getOverlapPolicy()));
    policies.setCatchupWindow(Durations.fromMillis(catchupWindow(newSchedule).toMillis()));
    this.spec = compiled;
    this.schedule =
        newSchedule.toBuilder().setSpec(compiled.canonical()).setPolicies(policies).build();
  }

  /** Adds the spec's times in {@code (from, to]} to the buffer; returns the new processed time. */
  private Instant takeTimes(
      Instant from, Instant to, ScheduleOverlapPolicy overlap, boolean manual) {
    if (!manual && !mayAct()) {
      return to; // paused: the time spent paused is passed over, not caught up later
    }
    Duration catchup = catchupWindow(schedule);
    Instant last = from;
    ScheduleSpecEvaluator.NextTime next = spec.next(jitterSeed(), from);
    for (; next != null && !next.next().isAfter(to); next = spec.next(jitterSeed(), next.next())) {
      last = next.next();
      if (!manual && updateTime != null && updateTime.isAfter(next.next())) {
        continue;
      }
      if (!manual && Duration.between(next.next(), to).compareTo(catchup) > 0) {
        missedCatchupWindow++;
        continue;
      }
      buffer.add(new Start(next.nominal(), next.next(), overlap, manual));
    }
    return last;
  }

  /** One pass over the buffer; true when it should be looked at again at once. */
  private boolean startBuffered(Instant now, WorkflowFrontend frontend) {
    refreshRunning(frontend);
    if (buffer.isEmpty() || !schedule.getAction().hasStartWorkflow()) {
      buffer.clear();
      return false;
    }
    StartBuffer.Outcome outcome = StartBuffer.process(buffer, !running.isEmpty(), this::resolve);
    buffer = new ArrayList<>(outcome.remaining());
    overlapSkipped += outcome.skipped();
    boolean again = false;
    List<Start> starts = new ArrayList<>(outcome.overlapping());
    if (outcome.nonOverlapping() != null) {
      starts.add(outcome.nonOverlapping());
    }
    for (Start start : starts) {
      if (!takeAction(start.manual())
          || !start(start, start == outcome.nonOverlapping(), now, frontend)) {
        again = true;
      }
    }
    if (outcome.terminate() || outcome.cancel()) {
      for (WorkflowExecution ex : running) {
        if (outcome.terminate()) {
          frontend.terminate(
              namespace, ex.getWorkflowId(), identity(), "terminated by schedule overlap policy");
        } else {
          frontend.cancel(
              namespace, ex.getWorkflowId(), identity(), "cancelled by schedule overlap policy");
        }
      }
    }
    return again;
  }

  private boolean start(Start start, boolean track, Instant now, WorkflowFrontend frontend) {
    ScheduledStart request =
        new ScheduledStart(namespace, id, identity(), schedule.getAction().getStartWorkflow());
    String workflowId = request.workflowId(start.nominal());
    String runId;
    try {
      runId = frontend.start(request.toRequest(start));
    } catch (RuntimeException e) {
      ScheduleService.log.warn(
          "schedule {}: could not start {}: {}", id, workflowId, e.getMessage());
      return false;
    }
    WorkflowExecution execution =
        WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
    actionCount++;
    recent.add(
        ScheduleActionResult.newBuilder()
            .setScheduleTime(Timestamps.fromMillis(start.actual().toEpochMilli()))
            .setActualTime(Timestamps.fromMillis(now.toEpochMilli()))
            .setStartWorkflowResult(execution)
            .setStartWorkflowStatus(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
            .build());
    if (recent.size() > RECENT_ACTIONS) {
      recent.remove(0);
    }
    // ALLOW_ALL runs are not tracked: they never hold back the next start.
    if (track) {
      running.add(execution);
    }
    return true;
  }

  /** Drops the workflows that have closed and records their final status in recent actions. */
  private void refreshRunning(WorkflowFrontend frontend) {
    running.removeIf(
        ex -> {
          WorkflowExecutionStatus status = frontend.status(namespace, ex.getWorkflowId());
          if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            return false;
          }
          recent.replaceAll(
              a ->
                  a.getStartWorkflowResult().getWorkflowId().equals(ex.getWorkflowId())
                      ? a.toBuilder().setStartWorkflowStatus(status).build()
                      : a);
          return true;
        });
  }

  /** Whether {@code start} may be taken now; a scheduled one counts against remaining actions. */
  private boolean takeAction(boolean manual) {
    if (manual) {
      return true;
    }
    ScheduleState state = schedule.getState();
    if (state.getPaused()) {
      return false;
    }
    if (!state.getLimitedActions()) {
      return true;
    }
    if (state.getRemainingActions() <= 0) {
      return false;
    }
    schedule =
        schedule.toBuilder()
            .setState(state.toBuilder().setRemainingActions(state.getRemainingActions() - 1))
            .build();
    return true;
  }

  /** Whether a scheduled action may be taken (not paused, actions left), without counting it. */
  private boolean mayAct() {
    ScheduleState state = schedule.getState();
    return !state.getPaused() && (!state.getLimitedActions() || state.getRemainingActions() > 0);
  }

  private void setState(boolean paused, String notes) {
    schedule =
        schedule.toBuilder()
            .setState(schedule.getState().toBuilder().setPaused(paused).setNotes(notes))
            .build();
    conflictToken++;
  }

  private List<com.google.protobuf.Timestamp> futureTimes(int n) {
    ScheduleState state = schedule.getState();
    int count = state.getLimitedActions() ? (int) Math.min(state.getRemainingActions(), n) : n;
    List<com.google.protobuf.Timestamp> out = new ArrayList<>();
    Instant t = lastProcessed;
    while (out.size() < count) {
      ScheduleSpecEvaluator.NextTime next = spec.next(jitterSeed(), t);
      if (next == null) {
        break;
      }
      t = next.next();
      if (updateTime == null || !updateTime.isAfter(t)) {
        out.add(Timestamps.fromMillis(t.toEpochMilli()));
      }
    }
    return out;
  }

  private ScheduleOverlapPolicy resolve(ScheduleOverlapPolicy policy) {
    if (policy == unspecified() || policy == ScheduleOverlapPolicy.UNRECOGNIZED) {
      policy = schedule == null ? unspecified() : schedule.getPolicies().getOverlapPolicy();
    }
    return policy == unspecified() ? ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP : policy;
  }

  private static ScheduleOverlapPolicy unspecified() {
    return ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED;
  }

  private static Duration catchupWindow(Schedule schedule) {
    if (!schedule.getPolicies().hasCatchupWindow()) {
      return DEFAULT_CATCHUP_WINDOW;
    }
    Duration window =
        Duration.ofMillis(Durations.toMillis(schedule.getPolicies().getCatchupWindow()));
    return window.compareTo(MIN_CATCHUP_WINDOW) < 0 ? MIN_CATCHUP_WINDOW : window;
  }

  private ByteString conflictToken() {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(conflictToken).array());
  }

  private String identity() {
    return "temporal-scheduler-" + namespace + "-" + id;
  }

  private String jitterSeed() {
    return namespace + "-" + id;
  }
}
