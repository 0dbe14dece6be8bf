package io.gridshift.starter.schedule;

import io.temporal.client.schedules.ScheduleActionExecution;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleListActionStartWorkflow;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A schedule as the CLI and REST show it, without the SDK's types: when it runs (each calendar as
 * {@code field=value} pairs in its time zone), its policies, paused or not and why, the next run
 * times and the recent runs. Fields a listing does not carry (policies, counters) are null there.
 *
 * @param id schedule id
 * @param workflowType what it starts ({@code FleetUpgrade} for fleet schedules)
 * @param times every calendar and interval, readable
 * @param timeZone the zone the calendars are read in
 * @param overlap the overlap policy ({@code SKIP}...), or null in a listing
 * @param catchupWindow the catch-up window, or null in a listing
 * @param paused whether due times pass without a run
 * @param note why it was paused or unpaused
 * @param nextRuns the next run times
 * @param recentRuns the latest runs, oldest first
 * @param running the workflow ids of its runs still running (describe only)
 * @param actions runs started so far, or null in a listing
 * @param skippedOverlap due times skipped because a run was still going, or null in a listing
 */
public record FleetScheduleView(
    String id,
    String workflowType,
    List<String> times,
    String timeZone,
    String overlap,
    Duration catchupWindow,
    boolean paused,
    String note,
    List<Instant> nextRuns,
    List<Run> recentRuns,
    List<String> running,
    Long actions,
    Long skippedOverlap) {

  /**
   * One run the schedule started.
   *
   * @param scheduledAt when it was due
   * @param startedAt when it started
   * @param workflowId its workflow id ({@code fleet-<name>-<due time>})
   */
  public record Run(Instant scheduledAt, Instant startedAt, String workflowId) {}

  static FleetScheduleView of(String id, ScheduleDescription d) {
    var schedule = d.getSchedule();
    String type =
        schedule.getAction() instanceof ScheduleActionStartWorkflow start
            ? start.getWorkflowType()
            : String.valueOf(schedule.getAction());
    return new FleetScheduleView(
        id,
        type,
        times(schedule.getSpec()),
        zone(schedule.getSpec()),
        schedule.getPolicy() == null
            ? null
            : schedule.getPolicy().getOverlap().name().replace("SCHEDULE_OVERLAP_POLICY_", ""),
        schedule.getPolicy() == null ? null : schedule.getPolicy().getCatchupWindow(),
        schedule.getState() != null && schedule.getState().isPaused(),
        schedule.getState() == null ? "" : schedule.getState().getNote(),
        d.getInfo().getNextActionTimes(),
        runs(d.getInfo().getRecentActions()),
        d.getInfo().getRunningActions().stream().map(FleetScheduleView::workflowId).toList(),
        d.getInfo().getNumActions(),
        d.getInfo().getNumActionsSkippedOverlap());
  }

  static FleetScheduleView of(ScheduleListDescription d) {
    var schedule = d.getSchedule();
    String type =
        schedule.getAction() instanceof ScheduleListActionStartWorkflow start
            ? start.getWorkflow()
            : String.valueOf(schedule.getAction());
    return new FleetScheduleView(
        d.getScheduleId(),
        type,
        times(schedule.getSpec()),
        zone(schedule.getSpec()),
        null,
        null,
        schedule.getState().isPaused(),
        schedule.getState().getNote(),
        d.getInfo().getNextActionTimes(),
        runs(d.getInfo().getRecentActions()),
        List.of(),
        null,
        null);
  }

  private static List<Run> runs(List<ScheduleActionResult> results) {
    return results.stream()
        .map(r -> new Run(r.getScheduledAt(), r.getStartedAt(), workflowId(r.getAction())))
        .toList();
  }

  private static String workflowId(ScheduleActionExecution execution) {
    return execution instanceof ScheduleActionExecutionStartWorkflow start
        ? start.getWorkflowId()
        : String.valueOf(execution);
  }

  private static String zone(ScheduleSpec spec) {
    return spec.getTimeZoneName() == null || spec.getTimeZoneName().isEmpty()
        ? "UTC"
        : spec.getTimeZoneName();
  }

  /** Temporal describes every spec in its canonical form: structured calendars and intervals. */
  private static List<String> times(ScheduleSpec spec) {
    List<String> out = new ArrayList<>();
    spec.getCronExpressions().forEach(c -> out.add("cron " + c));
    spec.getCalendars().forEach(c -> out.add("calendar " + calendar(c)));
    spec.getIntervals().forEach(i -> out.add("every " + i.getEvery() + " offset " + i.getOffset()));
    return out;
  }

  private static String calendar(ScheduleCalendarSpec c) {
    List<String> parts = new ArrayList<>();
    field(parts, "second", c.getSeconds(), 0, 59);
    field(parts, "minute", c.getMinutes(), 0, 59);
    field(parts, "hour", c.getHour(), 0, 23);
    field(parts, "day_of_month", c.getDayOfMonth(), 1, 31);
    field(parts, "month", c.getMonth(), 1, 12);
    field(parts, "year", c.getYear(), -1, -1);
    field(parts, "day_of_week", c.getDayOfWeek(), 0, 6);
    return String.join(" ", parts);
  }

  /** Adds {@code name=ranges} unless the field matches every value. */
  private static void field(
      List<String> parts, String name, List<ScheduleRange> ranges, int min, int max) {
    if (ranges.isEmpty()) {
      return; // every value (a year list is empty for "every year")
    }
    if (ranges.size() == 1
        && ranges.get(0).getStart() == min
        && ranges.get(0).getEnd() == max
        && ranges.get(0).getStep() <= 1) {
      return;
    }
    parts.add(
        name
            + "="
            + ranges.stream().map(FleetScheduleView::range).collect(Collectors.joining(",")));
  }

  private static String range(ScheduleRange r) {
    String s =
        r.getEnd() > r.getStart() ? r.getStart() + "-" + r.getEnd() : String.valueOf(r.getStart());
    return r.getStep() > 1 ? s + "/" + r.getStep() : s;
  }
}
