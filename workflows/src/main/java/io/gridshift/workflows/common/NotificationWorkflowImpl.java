package io.gridshift.workflows.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Sends a notification: 10 s per attempt, 5 attempts, 2 s backoff doubling to 30 s. */
public class NotificationWorkflowImpl implements NotificationWorkflow {
  /** The activity options of a delivery (public for tests and documentation). */
  public static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setTaskQueue(TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(5)
                  .setDoNotRetry(FailureTypes.WEBHOOK_REJECTED)
                  .build())
          .build();

  private final NotificationActivities activities =
      Workflow.newActivityStub(NotificationActivities.class, OPTIONS);

  @Override
  public void send(Notification notification) {
    activities.notify(notification);
  }
}
