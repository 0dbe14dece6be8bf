package io.gridshift.workflows.common;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers one notification, with retries, as a child of the upgrade that the upgrade does not wait
 * for (parent close policy ABANDON). A child rather than an activity of the upgrade because
 * Temporal never runs the pending activities of a closed workflow: a "completed" or "failed"
 * notification scheduled as the upgrade ends would be dropped. The child outlives its parent.
 */
@WorkflowInterface
public interface NotificationWorkflow {
  /** Task queue of this workflow and of {@link NotificationActivities}. */
  String TASK_QUEUE = "gridshift-notifications";

  /** Calls {@link NotificationActivities#notify} with retries; fails when every attempt failed. */
  @WorkflowMethod(name = "gridshift-notify")
  void send(Notification notification);
}
