package io.gridshift.sandbox.temporal;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;

/**
 * Keeps every workflow task on its workflow's own task queue, where any live worker polls, by
 * dropping the sticky-queue request a worker sends with each completed workflow task.
 *
 * <p>Why: a worker asks for a workflow's next tasks on a queue of its own (sticky execution). A
 * real Temporal server sends them back to the normal queue once that worker stops polling (within
 * about 10 s). The Java test server does not: its sticky timeout only starts when a task is picked
 * up, so after the worker that last ran a workflow dies, the workflow's next task, and every query
 * and update, waits for it forever (measured here: an approval hung for 20 minutes while another
 * worker polled). Without sticky execution a worker replays the history for each task; the
 * workflow's behaviour is the same.
 */
public final class NonStickyWorkflowTasks implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      @Override
      public void onMessage(Q message) {
        super.onMessage(withoutStickyQueue(message));
      }
    };
  }

  @SuppressWarnings("unchecked")
  static <Q> Q withoutStickyQueue(Q message) {
    if (message instanceof RespondWorkflowTaskCompletedRequest completed
        && completed.hasStickyAttributes()) {
      return (Q) completed.toBuilder().clearStickyAttributes().build();
    }
    return message;
  }
}
