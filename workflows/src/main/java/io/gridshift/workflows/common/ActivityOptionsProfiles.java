package io.gridshift.workflows.common;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The two kinds of activity call an upgrade makes, as named option profiles. Both bound their
 * retries: a call that keeps failing ends in the workflow's failure handling (compensation before
 * cutover, a human decision after), never in retrying forever. The failure types of {@link
 * FailureTypes#NON_RETRYABLE} are never retried.
 *
 * <p>Both wait for a cancelled activity to finish cancelling before the workflow moves on, so that
 * compensation never races an activity still changing the cluster.
 */
public final class ActivityOptionsProfiles {
  /** Short calls: one Kubernetes or REST request (create, patch, read). */
  public static final Duration SHORT_START_TO_CLOSE = Duration.ofSeconds(60);

  /** Long waits: rollouts, cluster health, sync-data, verification. */
  public static final Duration LONG_START_TO_CLOSE = Duration.ofMinutes(30);

  /** A long wait that stops heartbeating for this long is presumed dead and retried. */
  public static final Duration LONG_HEARTBEAT = Duration.ofSeconds(30);

  /**
   * How long an upgrade's first call to its cluster may wait for that cluster's agent to pick it
   * up: past it, no worker serves the cluster and the upgrade fails naming the task queue.
   */
  public static final Duration AGENT_PICKUP = Duration.ofSeconds(60);

  private ActivityOptionsProfiles() {}

  /**
   * The first call to a cluster (the plan's first read): a short call that fails, unretried, when
   * no worker picks it up within {@link #AGENT_PICKUP}. Later calls have no such limit: a worker
   * that restarts mid-upgrade is waited for.
   */
  public static ActivityOptions firstContact(String taskQueue) {
    return ActivityOptions.newBuilder(shortCalls(taskQueue))
        .setScheduleToStartTimeout(AGENT_PICKUP)
        .build();
  }

  /**
   * A Kubernetes or REST call that takes seconds: up to 5 attempts with exponential backoff (1 s
   * doubling to 30 s), covering conflicts, 5xx and brief connection loss.
   */
  public static ActivityOptions shortCalls(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(SHORT_START_TO_CLOSE)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(5)
                .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
                .build())
        .build();
  }

  /**
   * A wait that polls and heartbeats (rollout, cluster health, sync-data, verify): up to 30 minutes
   * per attempt, heartbeat timeout 30 s, 3 attempts; a retried attempt resumes from its heartbeat
   * details.
   */
  public static ActivityOptions longWaits(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(LONG_START_TO_CLOSE)
        .setHeartbeatTimeout(LONG_HEARTBEAT)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(1))
                .setMaximumAttempts(3)
                .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
                .build())
        .build();
  }
}
