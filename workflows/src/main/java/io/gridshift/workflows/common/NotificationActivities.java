package io.gridshift.workflows.common;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Sends notifications about upgrades to people (webhooks: Slack, Teams, a pager). Runs on {@link
 * NotificationWorkflow#TASK_QUEUE}, served by the workers that host the workflows: it touches no
 * cluster.
 */
@ActivityInterface
public interface NotificationActivities {

  /**
   * Posts {@code notification} as JSON to every configured webhook (a Slack-compatible {@code text}
   * plus the structured fields). Returns at once when none is configured. Throws when a webhook
   * cannot be reached or answers 5xx/429 (retried), or refuses the message with another 4xx (type
   * {@value FailureTypes#WEBHOOK_REJECTED}, not retried). A retry skips the webhooks already
   * reached.
   */
  @ActivityMethod(name = "notify")
  void notify(Notification notification);
}
