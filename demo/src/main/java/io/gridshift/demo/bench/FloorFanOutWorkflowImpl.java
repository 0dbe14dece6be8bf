package io.gridshift.demo.bench;

import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * A sliding window over the children: start children until {@code window} run, wait for any one to
 * end, start the next. Failures are counted, never retried.
 */
public final class FloorFanOutWorkflowImpl implements FloorFanOutWorkflow {
  private int succeeded;
  private int failed;
  private String firstFailure;

  @Override
  public FloorResult run(FloorPlan plan) {
    List<Promise<UpgradeStatus>> running = new ArrayList<>();
    for (UpgradeRequest request : plan.children()) {
      if (running.size() >= plan.window()) {
        awaitAnyEnded(running);
      }
      running.add(start(request));
    }
    while (!running.isEmpty()) {
      awaitAnyEnded(running);
    }
    return new FloorResult(succeeded, failed, firstFailure);
  }

  private static Promise<UpgradeStatus> start(UpgradeRequest request) {
    ChildWorkflowStub child =
        Workflow.newUntypedChildWorkflowStub(
            GridKinds.named(request.kind()).workflowType(),
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(request.withDefaults().workflowId())
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    return child.executeAsync(UpgradeStatus.class, request);
  }

  /** Waits until a child ends (a failure too: Promise.anyOf would rethrow it), counts it. */
  private void awaitAnyEnded(List<Promise<UpgradeStatus>> running) {
    Workflow.await(() -> running.stream().anyMatch(Promise::isCompleted));
    running.removeIf(
        p -> {
          if (!p.isCompleted()) {
            return false;
          }
          RuntimeException failure = p.getFailure();
          if (failure == null) {
            succeeded++;
          } else {
            failed++;
            if (firstFailure == null) {
              firstFailure = causes(failure);
            }
          }
          return true;
        });
  }

  /** The failure's messages down to its root cause: a child's own failure is its cause's. */
  private static String causes(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(text.length() == 0 ? "" : " <- ").append(t.getMessage());
    }
    return text.toString();
  }
}
