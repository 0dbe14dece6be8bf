package io.gridshift.sandbox.temporal;

import io.gridshift.sandbox.temporal.visibility.ServiceOverlay;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.workflowservice.v1.CreateScheduleRequest;
import io.temporal.api.workflowservice.v1.CreateScheduleResponse;
import io.temporal.api.workflowservice.v1.DeleteScheduleRequest;
import io.temporal.api.workflowservice.v1.DeleteScheduleResponse;
import io.temporal.api.workflowservice.v1.DescribeScheduleRequest;
import io.temporal.api.workflowservice.v1.DescribeScheduleResponse;
import io.temporal.api.workflowservice.v1.ListScheduleMatchingTimesRequest;
import io.temporal.api.workflowservice.v1.ListScheduleMatchingTimesResponse;
import io.temporal.api.workflowservice.v1.ListSchedulesRequest;
import io.temporal.api.workflowservice.v1.ListSchedulesResponse;
import io.temporal.api.workflowservice.v1.PatchScheduleRequest;
import io.temporal.api.workflowservice.v1.PatchScheduleResponse;
import io.temporal.api.workflowservice.v1.UpdateScheduleRequest;
import io.temporal.api.workflowservice.v1.UpdateScheduleResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Schedule API that the Java test server lacks, served beside it on the same port: Create,
 * Describe, List, Update, Patch (trigger, backfill, pause, unpause), Delete and
 * ListScheduleMatchingTimes, with the schedules held in memory ({@link SandboxSchedule}) and their
 * workflows started on the test server itself ({@link StubFrontend}).
 *
 * <ol>
 *   <li>{@link #withSchedules} merges this service's schedule methods into the test server's
 *       WorkflowService definition; every other method stays the test server's.
 *   <li>{@link #connect} gives it a channel to that server (after it listens) and registers the
 *       search attributes the scheduler sets on the workflows it starts.
 *   <li>One thread wakes when the earliest schedule is due (or after any call that changes a
 *       schedule) and advances every schedule to now. Every call and every wake holds one lock.
 * </ol>
 *
 * A fixture: state ends with the process, so catch-up after a restart does not arise.
 */
public final class ScheduleService extends WorkflowServiceGrpc.WorkflowServiceImplBase
    implements AutoCloseable {
  static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

  private static final Duration MAX_SLEEP = Duration.ofSeconds(30);
  private static final Set<String> METHODS =
      Set.of(
          "CreateSchedule",
          "DescribeSchedule",
          "ListSchedules",
          "UpdateSchedule",
          "PatchSchedule",
          "DeleteSchedule",
          "ListScheduleMatchingTimes");

  private final Clock clock;
  private final Map<String, SandboxSchedule> schedules = new LinkedHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sandbox-schedules");
            t.setDaemon(true);
            return t;
          });
  private WorkflowFrontend frontend;
  private ScheduledFuture<?> wake;

  public ScheduleService(Clock clock) {
    this.clock = clock;
  }

  /**
   * The test server's WorkflowService with this service's schedule methods in place of its
   * UNIMPLEMENTED ones.
   */
  public BindableService withSchedules(BindableService testWorkflowService) {
    return ServiceOverlay.overlay(testWorkflowService, this, METHODS);
  }

  /** Starts scheduling, reaching the test server through {@code channel}. */
  public synchronized void connect(ManagedChannel channel) {
    OperatorServiceGrpc.OperatorServiceBlockingStub operator =
        OperatorServiceGrpc.newBlockingStub(channel);
    for (Map.Entry<String, IndexedValueType> attribute :
        Map.of(
                ScheduledStart.SCHEDULED_BY_ID.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                ScheduledStart.SCHEDULED_START_TIME.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_DATETIME)
            .entrySet()) {
      try {
        operator.addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .putSearchAttributes(attribute.getKey(), attribute.getValue())
                .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
    this.frontend = new StubFrontend(WorkflowServiceGrpc.newBlockingStub(channel));
    wakeNow();
  }

  @Override
  public void createSchedule(
      CreateScheduleRequest request, StreamObserver<CreateScheduleResponse> response) {
    answer(
        response,
        () -> {
          String key = key(request.getNamespace(), request.getScheduleId());
          requireId(request.getScheduleId());
          if (schedules.containsKey(key)) {
            throw Status.ALREADY_EXISTS
                .withDescription("schedule " + request.getScheduleId() + " is already registered")
                .asRuntimeException();
          }
          SandboxSchedule schedule =
              invalidArgument(
                  () ->
                      new SandboxSchedule(
                          request.getNamespace(),
                          request.getScheduleId(),
                          request.getSchedule(),
                          request.getMemo(),
                          request.getSearchAttributes(),
                          clock.instant()));
          if (request.hasInitialPatch()) {
            schedule.patch(request.getInitialPatch(), clock.instant());
          }
          schedules.put(key, schedule);
          log.info("schedule {} created", request.getScheduleId());
          return CreateScheduleResponse.newBuilder()
              .setConflictToken(schedule.describe().getConflictToken())
              .build();
        });
  }

  @Override
  public void describeSchedule(
      DescribeScheduleRequest request, StreamObserver<DescribeScheduleResponse> response) {
    answer(response, () -> find(request.getNamespace(), request.getScheduleId()).describe());
  }

  @Override
  public void listSchedules(
      ListSchedulesRequest request, StreamObserver<ListSchedulesResponse> response) {
    answer(
        response,
        () -> {
          if (!request.getQuery().isBlank()) {
            throw Status.UNIMPLEMENTED
                .withDescription("the sandbox lists schedules without a query filter")
                .asRuntimeException();
          }
          List<SandboxSchedule> inNamespace = new ArrayList<>();
          schedules.forEach(
              (key, s) -> {
                if (key.startsWith(request.getNamespace() + "/")) {
                  inNamespace.add(s);
                }
              });
          int from =
              request.getNextPageToken().isEmpty()
                  ? 0
                  : Integer.parseInt(request.getNextPageToken().toStringUtf8());
          int size = request.getMaximumPageSize() > 0 ? request.getMaximumPageSize() : 1000;
          int to = Math.min(inNamespace.size(), from + size);
          ListSchedulesResponse.Builder b = ListSchedulesResponse.newBuilder();
          inNamespace.subList(from, to).forEach(s -> b.addSchedules(s.listEntry()));
          if (to < inNamespace.size()) {
            b.setNextPageToken(com.google.protobuf.ByteString.copyFromUtf8(Integer.toString(to)));
          }
          return b.build();
        });
  }

  @Override
  public void updateSchedule(
      UpdateScheduleRequest request, StreamObserver<UpdateScheduleResponse> response) {
    answer(
        response,
        () -> {
          SandboxSchedule schedule = find(request.getNamespace(), request.getScheduleId());
          invalidArgument(
              () -> {
                schedule.update(
                    request.getSchedule(),
                    request.hasSearchAttributes() ? request.getSearchAttributes() : null,
                    request.getConflictToken(),
                    clock.instant());
                return schedule;
              });
          return UpdateScheduleResponse.getDefaultInstance();
        });
  }

  @Override
  public void patchSchedule(
      PatchScheduleRequest request, StreamObserver<PatchScheduleResponse> response) {
    answer(
        response,
        () -> {
          find(request.getNamespace(), request.getScheduleId())
              .patch(request.getPatch(), clock.instant());
          return PatchScheduleResponse.getDefaultInstance();
        });
  }

  @Override
  public void deleteSchedule(
      DeleteScheduleRequest request, StreamObserver<DeleteScheduleResponse> response) {
    answer(
        response,
        () -> {
          find(request.getNamespace(), request.getScheduleId());
          schedules.remove(key(request.getNamespace(), request.getScheduleId()));
          log.info("schedule {} deleted", request.getScheduleId());
          return DeleteScheduleResponse.getDefaultInstance();
        });
  }

  @Override
  public void listScheduleMatchingTimes(
      ListScheduleMatchingTimesRequest request,
      StreamObserver<ListScheduleMatchingTimesResponse> response) {
    answer(
        response,
        () ->
            ListScheduleMatchingTimesResponse.newBuilder()
                .addAllStartTime(
                    find(request.getNamespace(), request.getScheduleId())
                        .matchingTimes(
                            ScheduleSpecEvaluator.toInstant(request.getStartTime()),
                            ScheduleSpecEvaluator.toInstant(request.getEndTime())))
                .build());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** Runs one call under the lock, answers it, then lets the schedules act on what changed. */
  private <T> void answer(StreamObserver<T> response, Supplier<T> call) {
    T result;
    try {
      synchronized (this) {
        result = call.get();
      }
    } catch (StatusRuntimeException e) {
      response.onError(e);
      return;
    } catch (RuntimeException e) {
      log.warn("schedule call failed", e);
      response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      return;
    }
    response.onNext(result);
    response.onCompleted();
    wakeNow();
  }

  private synchronized void wakeNow() {
    if (frontend != null && !timer.isShutdown()) {
      if (wake != null) {
        wake.cancel(false);
      }
      wake = timer.schedule(this::advanceAll, 0, TimeUnit.MILLISECONDS);
    }
  }

  /** Advances every schedule to now, then sleeps until the earliest is due again. */
  private synchronized void advanceAll() {
    Instant now = clock.instant();
    Instant earliest = now.plus(MAX_SLEEP);
    for (SandboxSchedule schedule : schedules.values()) {
      try {
        Instant next = schedule.advance(now, frontend);
        if (next != null && next.isBefore(earliest)) {
          earliest = next;
        }
      } catch (RuntimeException e) {
        log.warn("schedule {} could not advance; trying again in a second", schedule.id(), e);
        earliest = now.plusSeconds(1);
      }
    }
    long delay = Math.max(0, Duration.between(clock.instant(), earliest).toMillis());
    if (!timer.isShutdown()) {
      wake = timer.schedule(this::advanceAll, delay, TimeUnit.MILLISECONDS);
    }
  }

  private SandboxSchedule find(String namespace, String id) {
    SandboxSchedule schedule = schedules.get(key(namespace, id));
    if (schedule == null) {
      throw Status.NOT_FOUND
          .withDescription("schedule " + id + " not found in namespace " + namespace)
          .asRuntimeException();
    }
    return schedule;
  }

  private static void requireId(String id) {
    if (id.isBlank()) {
      throw Status.INVALID_ARGUMENT.withDescription("ScheduleId is not set").asRuntimeException();
    }
  }

  private static <T> T invalidArgument(Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Invalid schedule spec: " + e.getMessage())
          .asRuntimeException();
    } catch (IllegalStateException e) {
      throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
    }
  }

  private static String key(String namespace, String id) {
    return namespace + "/" + id;
  }
}
