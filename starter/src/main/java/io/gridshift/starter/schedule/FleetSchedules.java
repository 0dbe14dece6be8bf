package io.gridshift.starter.schedule;

import io.gridshift.starter.UpgradeException;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recurring fleet upgrades as Temporal Schedules (the SDK's {@link ScheduleClient}), so that the
 * Temporal UI's Schedules page shows, pauses and triggers them too.
 *
 * <ol>
 *   <li>Create: refuse an invalid request with every problem ({@link
 *       FleetScheduleRequest#problems()}), then store a schedule whose action starts workflow type
 *       {@value FleetUpgradeWorkflow#TYPE} on {@value TaskQueues#WORKFLOWS} with {@code (spec,
 *       null)} and id {@code fleet-<name>}; Temporal appends each run's nominal time to that id.
 *   <li>Overlap SKIP by default: a run still going when the next is due means the next is skipped,
 *       never two fleet runs of one spec at once.
 *   <li>Describe, list, pause and unpause with a note, trigger now, delete: one call each; an
 *       unknown id is {@link UpgradeException.Reason#NOT_FOUND}.
 * </ol>
 */
public final class FleetSchedules {
  private final ScheduleClient client;

  public FleetSchedules(ScheduleClient client) {
    this.client = client;
  }

  /** A schedule client with the project's data converter, acting as {@code identity}. */
  public static FleetSchedules connect(
      WorkflowServiceStubs stubs, TemporalAccess access, String identity) {
    return new FleetSchedules(
        ScheduleClient.newInstance(
            stubs,
            ScheduleClientOptions.newBuilder()
                .setNamespace(access.namespace())
                .setIdentity(identity)
                .setDataConverter(TemporalClients.dataConverter(access))
                .build()));
  }

  /**
   * Creates the schedule.
   *
   * @throws InvalidRequestException with every problem; nothing is created
   * @throws UpgradeException CONFLICT when the id is taken, INVALID when Temporal refuses the spec
   */
  public void create(FleetScheduleRequest request) {
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    FleetScheduleRequest r = request.withDefaults();
    try {
      client.createSchedule(
          r.id(),
          schedule(r),
          ScheduleOptions.newBuilder().setMemo(Map.of("fleet", r.spec().name())).build());
    } catch (ScheduleAlreadyRunningException e) {
      throw new UpgradeException(
          UpgradeException.Reason.CONFLICT,
          "schedule " + r.id() + " already exists; delete it first or choose another --id");
    } catch (RuntimeException e) {
      throw translated(r.id(), e);
    }
  }

  /** Every schedule in the namespace (fleet or not), as Temporal lists them. */
  public List<FleetScheduleView> list() {
    return call("", () -> client.listSchedules().map(FleetScheduleView::of).toList());
  }

  /** The schedule's spec, policies, state, next run times and recent runs. */
  public FleetScheduleView describe(String id) {
    return call(id, () -> FleetScheduleView.of(id, handle(id).describe()));
  }

  /** Pauses: due times pass without a run until unpaused; {@code note} says why. */
  public void pause(String id, String note) {
    call(id, () -> run(() -> handle(id).pause(orDefault(note, "paused"))));
  }

  /** Resumes from the next due time (times missed while paused are not caught up). */
  public void unpause(String id, String note) {
    call(id, () -> run(() -> handle(id).unpause(orDefault(note, "unpaused"))));
  }

  /** Starts a run now, under the schedule's overlap policy (SKIP: not while one runs). */
  public void trigger(String id) {
    call(id, () -> run(() -> handle(id).trigger()));
  }

  /** Deletes the schedule; a run already started goes on. */
  public void delete(String id) {
    call(id, () -> run(() -> handle(id).delete()));
  }

  private static Schedule schedule(FleetScheduleRequest r) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(FleetUpgradeWorkflow.TYPE)
                .setArguments(r.spec(), null)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(FleetUpgradeWorkflow.workflowId(r.spec().name()))
                        .setTaskQueue(TaskQueues.WORKFLOWS)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setCronExpressions(r.cron())
                .setCalendars(r.calendars().stream().map(CalendarText::calendar).toList())
                .setTimeZoneName(r.timeZone())
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(FleetScheduleRequest.overlapPolicy(r.overlap()))
                .setCatchupWindow(FleetScheduleRequest.duration(r.catchupWindow()))
                .build())
        .setState(
            ScheduleState.newBuilder()
                .setPaused(r.paused())
                .setNote(r.note() == null ? "" : r.note())
                .build())
        .build();
  }

  private ScheduleHandle handle(String id) {
    return client.getHandle(id);
  }

  private static <T> T call(String id, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw translated(id, e);
    }
  }

  private static Object run(Runnable action) {
    action.run();
    return null;
  }

  /** Temporal's refusals in the front door's terms; anything else (unreachable) as it is. */
  private static RuntimeException translated(String id, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        Status.Code code = grpc.getStatus().getCode();
        if (code == Status.Code.NOT_FOUND) {
          return new UpgradeException(
              UpgradeException.Reason.NOT_FOUND,
              "no schedule " + id + "; see them with ./gridshift fleet schedule list");
        }
        if (code == Status.Code.INVALID_ARGUMENT) {
          return new UpgradeException(
              UpgradeException.Reason.INVALID,
              "Temporal refused schedule " + id + ": " + grpc.getStatus().getDescription());
        }
        return grpc;
      }
    }
    return e;
  }

  private static String orDefault(String note, String fallback) {
    return note == null || note.isBlank() ? fallback : note;
  }
}
