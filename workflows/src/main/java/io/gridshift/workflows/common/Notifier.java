package io.gridshift.workflows.common;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Sends notifications from an upgrade without ever blocking or failing it.
 *
 * <ol>
 *   <li>Each notification starts a {@link NotificationWorkflow} child with parent close policy
 *       ABANDON on {@link NotificationWorkflow#TASK_QUEUE}: it keeps running (and retrying the
 *       webhook) after the upgrade has ended, which an activity of the upgrade would not.
 *   <li>The upgrade waits only until the server has started the child (one round trip), never for
 *       the webhook; a child that cannot be started is logged and forgotten.
 *   <li>It runs in a detached scope, so a cancelled upgrade still says that it was cancelled.
 *   <li>Each child times out after an hour, so children queued where no worker serves notifications
 *       do not stay open forever.
 * </ol>
 */
public final class Notifier {
  private static final Logger log = Workflow.getLogger(Notifier.class);
  private static final Duration CHILD_TIMEOUT = Duration.ofHours(1);

  private int sent;

  /** Starts the notification child and returns once the server has started it. */
  public void send(Notification n) {
    sent++;
    WorkflowInfo info = Workflow.getInfo();
    // The run id keeps ids apart when an upgrade of the same grid runs again under the same id.
    String id = info.getWorkflowId() + "-notify-" + info.getRunId().substring(0, 8) + "-" + sent;
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue(NotificationWorkflow.TASK_QUEUE)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setWorkflowExecutionTimeout(CHILD_TIMEOUT)
            .setStaticSummary(n.event() + " " + (n.gate() == null ? "" : n.gate() + " ") + n.grid())
            .build();
    NotificationWorkflow child = Workflow.newChildWorkflowStub(NotificationWorkflow.class, options);
    Workflow.newDetachedCancellationScope(
            () -> {
              Async.procedure(child::send, n);
              try {
                Workflow.getWorkflowExecution(child).get();
              } catch (RuntimeException e) {
                log.warn("notification {} {} not sent: {}", n.event(), id, e.getMessage());
              }
            })
        .run();
  }
}
