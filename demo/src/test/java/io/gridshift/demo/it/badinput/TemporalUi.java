package io.gridshift.demo.it.badinput;

import com.google.protobuf.ByteString;
import io.gridshift.workflows.common.TaskQueues;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts workflows the way the Temporal UI does: by type name, on the workflows' task queue, with
 * the input exactly as typed ({@code json/plain} bytes, no client-side conversion).
 */
final class TemporalUi {
  /** Bad input must end a workflow long before this; a workflow still running has hung. */
  private static final Duration WORKFLOW_END = Duration.ofMinutes(2);

  private final WorkflowClient client;

  TemporalUi(WorkflowClient client) {
    this.client = client;
  }

  /** Starts workflow type {@code type} as {@code workflowId} with {@code json} as its argument. */
  WorkflowStub start(String type, String workflowId, String json) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();
    stub.start(new RawValue(payload));
    return stub;
  }

  /**
   * The end of {@code stub}'s workflow: code 0 when it completed, else its failure's type ({@link
   * Outcome#failureType}) with the failure's message as text.
   *
   * @throws AssertionError when it still runs after {@link #WORKFLOW_END}
   */
  static Outcome awaitEnd(WorkflowStub stub) {
    try {
      stub.getResult(WORKFLOW_END.toMillis(), TimeUnit.MILLISECONDS, Object.class);
      return new Outcome(0, "completed");
    } catch (WorkflowFailedException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApplicationFailure failure) {
        return Outcome.failure(failure.getType(), failure.getOriginalMessage());
      }
      return Outcome.failure(String.valueOf(cause), String.valueOf(cause));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "workflow "
              + stub.getExecution().getWorkflowId()
              + " has not ended after "
              + WORKFLOW_END
              + ": bad input must fail fast, not hang",
          e);
    }
  }
}
