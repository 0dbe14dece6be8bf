package io.gridshift.demo.bench;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;

/**
 * Asks the server every {@value #PERIOD_MS} ms how many children a workflow (its current run,
 * across continue-as-new) has pending, on a daemon thread, and keeps the highest count.
 */
final class PendingChildrenSampler implements AutoCloseable {
  private static final long PERIOD_MS = 250;

  private final WorkflowClient client;
  private final String workflowId;
  private final Thread thread;
  private volatile int max;
  private volatile int samples;
  private volatile boolean running = true;

  PendingChildrenSampler(WorkflowClient client, String workflowId) {
    this.client = client;
    this.workflowId = workflowId;
    this.thread = new Thread(this::sample, "pending-children-" + workflowId);
    thread.setDaemon(true);
    thread.start();
  }

  /** The most children seen pending at once. */
  int max() {
    return max;
  }

  /** How many times the server answered. */
  int samples() {
    return samples;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  private void sample() {
    DescribeWorkflowExecutionRequest request =
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build();
    while (running) {
      try {
        int pending =
            client
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(request)
                .getPendingChildrenCount();
        samples++;
        max = Math.max(max, pending);
      } catch (RuntimeException e) {
        // Not started yet, or between two runs: the next sample will tell.
      }
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
