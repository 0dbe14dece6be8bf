package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's Schedule API driven by the SDK's {@link ScheduleClient}, against {@link
 * LocalTemporalServer} on an ephemeral port, with a worker running the scheduled workflow.
 */
class ScheduleServiceTest {
  private static final String QUEUE = "scheduled";

  @WorkflowInterface
  public interface Nap {
    @WorkflowMethod(name = "Nap")
    String nap(String who, long millis);
  }

  public static class NapImpl implements Nap {
    @Override
    public String nap(String who, long millis) {
      Workflow.sleep(Duration.ofMillis(millis));
      return who + " slept";
    }
  }

  private static LocalTemporalServer server;
  private static WorkflowServiceStubs stubs;
  private static WorkflowClient workflows;
  private static ScheduleClient schedules;
  private static WorkerFactory workers;

  @BeforeAll
  static void start() throws Exception {
    server = LocalTemporalServer.start(0);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    workflows = WorkflowClient.newInstance(stubs);
    schedules =
        ScheduleClient.newInstance(
            stubs, ScheduleClientOptions.newBuilder().setIdentity("test").build());
    workers = WorkerFactory.newInstance(workflows);
    workers.newWorker(QUEUE).registerWorkflowImplementationTypes(NapImpl.class);
    workers.start();
  }

  @AfterAll
  static void stop() {
    workers.shutdownNow();
    stubs.shutdownNow();
    server.close();
  }

  @AfterEach
  void deleteAll() {
    schedules.listSchedules().forEach(s -> schedules.getHandle(s.getScheduleId()).delete());
  }

  @Test
  void createDescribeListPauseUnpauseDelete() {
    ScheduleHandle handle =
        schedules.createSchedule(
            "weekly",
            schedule(
                ScheduleSpec.newBuilder()
                    .setCronExpressions(List.of("0 2 * * SAT"))
                    .setTimeZoneName("Europe/Berlin")
                    .build(),
                "weekly-nap",
                0),
            ScheduleOptions.newBuilder().setMemo(Map.of("owner", "ops")).build());

    ScheduleDescription described = handle.describe();
    // The cron string comes back canonical: one structured calendar, in the spec's zone.
    assertThat(described.getSchedule().getSpec().getCronExpressions()).isEmpty();
    ScheduleCalendarSpec calendar = described.getSchedule().getSpec().getCalendars().get(0);
    assertThat(calendar.getHour()).containsExactly(new ScheduleRange(2, 0, 0));
    assertThat(calendar.getDayOfWeek()).containsExactly(new ScheduleRange(6, 0, 0));
    assertThat(described.getSchedule().getSpec().getTimeZoneName()).isEqualTo("Europe/Berlin");
    assertThat(described.getSchedule().getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(described.getInfo().getNextActionTimes()).hasSize(10);
    for (Instant next : described.getInfo().getNextActionTimes()) {
      var local = next.atZone(java.time.ZoneId.of("Europe/Berlin"));
      assertThat(local.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
      assertThat(local.getHour()).isEqualTo(2);
      assertThat(local.getMinute()).isZero();
    }
    assertThat(described.getMemo("owner", String.class)).isEqualTo("ops");
    assertThat(described.getInfo().getCreatedAt()).isNotNull();

    assertThatThrownBy(
            () ->
                schedules.createSchedule(
                    "weekly", described.getSchedule(), ScheduleOptions.newBuilder().build()))
        .isInstanceOf(ScheduleAlreadyRunningException.class);

    handle.pause("change freeze until Monday");
    ScheduleDescription paused = handle.describe();
    assertThat(paused.getSchedule().getState().isPaused()).isTrue();
    assertThat(paused.getSchedule().getState().getNote()).isEqualTo("change freeze until Monday");
    List<ScheduleListDescription> listed = schedules.listSchedules().toList();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).getScheduleId()).isEqualTo("weekly");
    assertThat(listed.get(0).getSchedule().getState().isPaused()).isTrue();
    assertThat(listed.get(0).getSchedule().getState().getNote())
        .isEqualTo("change freeze until Monday");
    assertThat(listed.get(0).getInfo().getNextActionTimes()).hasSize(5);

    handle.unpause("freeze over");
    assertThat(handle.describe().getSchedule().getState().isPaused()).isFalse();
    assertThat(handle.describe().getSchedule().getState().getNote()).isEqualTo("freeze over");

    handle.delete();
    assertThat(schedules.listSchedules().toList()).isEmpty();
    assertThatThrownBy(handle::describe)
        .isInstanceOf(ScheduleException.class)
        .hasRootCauseMessage("NOT_FOUND: schedule weekly not found in namespace default");
  }

  @Test
  void anInvalidSpecIsRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                schedules.createSchedule(
                    "bad",
                    schedule(
                        ScheduleSpec.newBuilder().setCronExpressions(List.of("0 25 * * *")).build(),
                        "bad",
                        0),
                    ScheduleOptions.newBuilder().build()))
        .isInstanceOf(ScheduleException.class)
        .hasRootCauseMessage(
            "INVALID_ARGUMENT: Invalid schedule spec: Hour is not in range [0-23]");
    assertThat(schedules.listSchedules().toList()).isEmpty();
  }

  @Test
  void aDueTimeStartsTheWorkflowWithTheNominalTimeInItsId() throws Exception {
    ScheduleHandle handle =
        schedules.createSchedule(
            "every-second",
            schedule(
                ScheduleSpec.newBuilder()
                    .setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofSeconds(1))))
                    .build(),
                "tick",
                0),
            ScheduleOptions.newBuilder().build());

    await("two actions", () -> handle.describe().getInfo().getNumActions() >= 2);
    handle.pause("enough");
    ScheduleDescription described = handle.describe();
    var first = described.getInfo().getRecentActions().get(0);
    String workflowId = ((ScheduleActionExecutionStartWorkflow) first.getAction()).getWorkflowId();
    assertThat(workflowId).matches("tick-\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(Instant.parse(workflowId.substring("tick-".length())))
        .isEqualTo(first.getScheduledAt());
    assertThat(
            workflows
                .newUntypedWorkflowStub(workflowId)
                .getResult(10, java.util.concurrent.TimeUnit.SECONDS, String.class))
        .isEqualTo("nap-tick slept");
    // The workflow carries the search attributes the server's scheduler sets.
    var attributes =
        workflows.newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes();
    assertThat(attributes.get(ScheduledStart.SCHEDULED_BY_ID)).isEqualTo("every-second");

    long actions = handle.describe().getInfo().getNumActions();
    Thread.sleep(2500);
    assertThat(handle.describe().getInfo().getNumActions())
        .as("paused: nothing new")
        .isEqualTo(actions);
  }

  @Test
  void triggerStartsAtOnceAndSkipDoesNotStartASecondRunWhileOneRuns() throws Exception {
    ScheduleHandle handle =
        schedules.createSchedule(
            "yearly",
            schedule(
                ScheduleSpec.newBuilder().setCronExpressions(List.of("@yearly")).build(),
                "long",
                60_000),
            ScheduleOptions.newBuilder().build());

    handle.trigger();
    await("the triggered run", () -> handle.describe().getInfo().getNumActions() == 1);
    ScheduleDescription running = handle.describe();
    assertThat(running.getInfo().getRunningActions()).hasSize(1);

    handle.trigger(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED);
    await(
        "the second trigger to be skipped",
        () -> handle.describe().getInfo().getNumActionsSkippedOverlap() == 1);
    assertThat(handle.describe().getInfo().getNumActions()).isEqualTo(1);

    // Once the running one ends, a trigger starts again.
    String id =
        ((ScheduleActionExecutionStartWorkflow) running.getInfo().getRunningActions().get(0))
            .getWorkflowId();
    WorkflowStub.fromTyped(workflows.newWorkflowStub(Nap.class, id)).terminate("test");
    handle.trigger();
    await(
        "a new run after the first ended", () -> handle.describe().getInfo().getNumActions() == 2);
    assertThat(handle.describe().getInfo().getRecentActions().get(0).getAction())
        .isInstanceOf(ScheduleActionExecutionStartWorkflow.class);
  }

  @Test
  void bufferOneStartsTheBufferedRunWhenTheRunningOneEnds() throws Exception {
    ScheduleHandle handle =
        schedules.createSchedule(
            "buffered",
            Schedule.newBuilder(
                    schedule(
                        ScheduleSpec.newBuilder().setCronExpressions(List.of("@yearly")).build(),
                        "buf",
                        1500))
                .setPolicy(
                    SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE)
                        .build())
                .build(),
            ScheduleOptions.newBuilder().build());
    handle.trigger();
    await("the first run", () -> handle.describe().getInfo().getNumActions() == 1);
    handle.trigger();
    handle.trigger();
    await(
        "one buffered, one skipped",
        () -> handle.describe().getInfo().getNumActionsSkippedOverlap() == 1);
    assertThat(handle.describe().getInfo().getNumActions()).isEqualTo(1);
    await(
        "the buffered run after the first ended",
        () -> handle.describe().getInfo().getNumActions() == 2);
  }

  private static Schedule schedule(ScheduleSpec spec, String workflowId, long napMillis) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(Nap.class)
                .setArguments("nap-" + workflowId, napMillis)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(QUEUE)
                        .build())
                .build())
        .setSpec(spec)
        .setState(ScheduleState.newBuilder().build())
        .build();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
