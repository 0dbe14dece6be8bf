package io.gridshift.sandbox.temporal;

import io.grpc.BindableService;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Stands in for the real server's sticky schedule-to-start timeout, which the Java test server
 * lacks. A real server hands a workflow's next task to the sticky queue of the worker that ran the
 * last one, and when no poller takes it within 5 s (the worker died) moves it to the normal queue.
 * The test server never moves it: after a worker is SIGKILLed, its workflows wait forever on a
 * sticky queue nobody polls (and queries to them too). This drops the sticky attributes from every
 * completed workflow task, so every task goes to the normal queue, which any live worker polls: the
 * outcome a real server reaches 5 s after the worker's death, reached at once.
 *
 * <p>Off by default (the demos keep sticky execution and its cache); the chaos benchmark, which
 * kills workers, turns it on ({@code SandboxOptions#withoutStickyWorkflowTasks}). The cost is that
 * a worker replays a workflow's whole history for every task, as after any cache eviction.
 */
final class NonStickyWorkflowTasks implements ServerInterceptor {

  /** {@code service} with workflow-task completions stripped of their sticky attributes. */
  static BindableService wrap(BindableService service) {
    ServerServiceDefinition intercepted =
        ServerInterceptors.intercept(service, new NonStickyWorkflowTasks());
    return () -> intercepted;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (!call.getMethodDescriptor()
        .getFullMethodName()
        .equals(WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName())) {
      return listener;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(Q message) {
        if (message instanceof RespondWorkflowTaskCompletedRequest request
            && request.hasStickyAttributes()) {
          message = (Q) request.toBuilder().clearStickyAttributes().build();
        }
        super.onMessage(message);
      }
    };
  }
}
