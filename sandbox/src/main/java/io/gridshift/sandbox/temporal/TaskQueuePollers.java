package io.gridshift.sandbox.temporal;

import com.google.protobuf.Timestamp;
import io.gridshift.sandbox.temporal.visibility.ServiceOverlay;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DescribeTaskQueue's pollers, which the Java test server answers UNIMPLEMENTED and the Temporal UI
 * asks for on every workflow page (which stays a skeleton without them) and on Start Workflow
 * ("Task Queue is Active"). Like the real server's matching service, it remembers who polled what:
 *
 * <ol>
 *   <li>every PollWorkflowTaskQueue and PollActivityTaskQueue passing through the sandbox's front
 *       is recorded as (namespace, queue, type) -> poller identity -> when;
 *   <li>DescribeTaskQueue lists, for the queue and type asked (workflow when unspecified, as the
 *       real server defaults), the identities seen within {@link #POLLER_TTL}, newest first.
 * </ol>
 */
final class TaskQueuePollers extends WorkflowServiceGrpc.WorkflowServiceImplBase
    implements ServerInterceptor {
  /** How long a poller is listed after its last poll: the real server's poller history. */
  static final Duration POLLER_TTL = Duration.ofMinutes(5);

  private record Queue(String namespace, String name, TaskQueueType type) {}

  private final Clock clock;
  private final Map<Queue, Map<String, Instant>> seen = new ConcurrentHashMap<>();

  TaskQueuePollers(Clock clock) {
    this.clock = clock;
  }

  /** {@code workflowService} recording its polls, with DescribeTaskQueue answered here. */
  BindableService wrap(BindableService workflowService) {
    ServerServiceDefinition intercepted =
        ServerInterceptors.intercept(
            ServiceOverlay.overlay(workflowService, this, Set.of("DescribeTaskQueue")), this);
    return () -> intercepted;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      @Override
      public void onMessage(Q message) {
        if (message instanceof PollWorkflowTaskQueueRequest poll) {
          record(
              poll.getNamespace(),
              poll.getTaskQueue().getName(),
              TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
              poll.getIdentity());
        } else if (message instanceof PollActivityTaskQueueRequest poll) {
          record(
              poll.getNamespace(),
              poll.getTaskQueue().getName(),
              TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
              poll.getIdentity());
        }
        super.onMessage(message);
      }
    };
  }

  @Override
  public void describeTaskQueue(
      DescribeTaskQueueRequest request, StreamObserver<DescribeTaskQueueResponse> response) {
    TaskQueueType type =
        request.getTaskQueueType() == TaskQueueType.TASK_QUEUE_TYPE_UNSPECIFIED
            ? TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW
            : request.getTaskQueueType();
    Instant oldest = clock.instant().minus(POLLER_TTL);
    DescribeTaskQueueResponse.Builder answer = DescribeTaskQueueResponse.newBuilder();
    seen
        .getOrDefault(
            new Queue(request.getNamespace(), request.getTaskQueue().getName(), type), Map.of())
        .entrySet()
        .stream()
        .filter(e -> e.getValue().isAfter(oldest))
        .sorted(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder()))
        .forEach(
            e ->
                answer.addPollers(
                    PollerInfo.newBuilder()
                        .setIdentity(e.getKey())
                        .setLastAccessTime(
                            Timestamp.newBuilder()
                                .setSeconds(e.getValue().getEpochSecond())
                                .setNanos(e.getValue().getNano()))));
    response.onNext(answer.build());
    response.onCompleted();
  }

  private void record(String namespace, String queue, TaskQueueType type, String identity) {
    seen.computeIfAbsent(new Queue(namespace, queue, type), q -> new ConcurrentHashMap<>())
        .put(identity, clock.instant());
  }
}
