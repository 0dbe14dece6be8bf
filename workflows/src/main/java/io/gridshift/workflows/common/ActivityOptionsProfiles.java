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
 *
 * <p>Every call waits at most {@link #AGENT_RETURN} for a worker to pick it up (the first call
 * {@link #AGENT_PICKUP}): a cluster whose agent is gone becomes a {@link FailureTypes#NO_AGENT}
 * failure naming the task queue ({@link ClusterAgents}), never a hang. Temporal does not retry a
 * schedule-to-start timeout, so it ends the call at once.
 */
public final class ActivityOptionsProfiles {
  /** Short calls: one Kubernetes or REST request (create, patch, read). */
  public static final Duration SHORT_START_TO_CLOSE = Duration.ofSeconds(60);

  /** How many times a short call is tried: 5, with 15 s of backoff in all (1+2+4+8 s). */
  public static final int SHORT_ATTEMPTS = 5;

  /**
   * Long waits: rollouts, cluster health, sync-data, verification. Not a deadline: Temporal needs a
   * start-to-close (or schedule-to-close), and this one is far beyond any real step, so that a
   * cache that syncs for hours is never cut off. What ends a long wait is its own deadline (a
   * rollout's or health wait's {@code timeoutSeconds}), its work being done (sync-data, verify), or
   * {@link #LONG_HEARTBEAT} when its worker died.
   */
  public static final Duration LONG_START_TO_CLOSE = Duration.ofDays(7);

  /** A long wait that stops heartbeating for this long is presumed dead and retried. */
  public static final Duration LONG_HEARTBEAT = Duration.ofSeconds(30);

  /**
   * How many times a long wait is tried. Its usual failure is not the wait's own (a wait that
   * reaches its {@code timeoutSeconds} fails without a retry: the deadline is its budget) but its
   * worker dying: SIGKILL, an OOM, a node drained, a Deployment rolled. Each death costs one
   * attempt (heartbeat timeout, then a retry on another or the restarted worker, which runs the
   * idempotent wait again). 10 tolerates several deaths in one step without a person, and still
   * ends a wait whose other failures keep coming, then the workflow's failure handling.
   */
  public static final int LONG_ATTEMPTS = 10;

  /** The longest pause between two attempts of a long wait. */
  public static final Duration LONG_MAX_BACKOFF = Duration.ofMinutes(1);

  /**
   * How long an upgrade's first call to its cluster may wait for that cluster's agent to pick it
   * up: past it, no worker serves the cluster and the upgrade fails naming the task queue. 45 s, so
   * that the whole failure (the wait, then the upgrade's end and its audit) stays within a minute
   * even on a loaded machine (bench/CHAOS.md measures it); an agent that polls at all picks a task
   * up in milliseconds.
   */
  public static final Duration AGENT_PICKUP = Duration.ofSeconds(45);

  /**
   * How long any later call waits for the cluster's agent: long enough for a killed worker to be
   * restarted, or for the agent's Deployment to roll (a pod replaced, its image pulled, the JVM
   * started: a minute or two), short enough that an agent that is gone for good is reported the
   * same morning, not never.
   */
  public static final Duration AGENT_RETURN = Duration.ofMinutes(5);

  private ActivityOptionsProfiles() {}

  /**
   * The first call to a cluster (the plan's first read): a short call that fails, unretried, when
   * no worker picks it up within {@link #AGENT_PICKUP}.
   */
  public static ActivityOptions firstContact(String taskQueue) {
    return ActivityOptions.newBuilder(shortCalls(taskQueue))
        .setScheduleToStartTimeout(AGENT_PICKUP)
        .build();
  }

  /**
   * A Kubernetes or REST call that takes seconds: up to {@value #SHORT_ATTEMPTS} attempts with
   * exponential backoff (1 s doubling to 30 s), covering conflicts, 5xx and brief connection loss;
   * picked up within {@link #AGENT_RETURN}.
   */
  public static ActivityOptions shortCalls(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(SHORT_START_TO_CLOSE)
        .setScheduleToStartTimeout(AGENT_RETURN)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(SHORT_ATTEMPTS)
                .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
                .build())
        .build();
  }

  /**
   * A wait that polls and heartbeats (rollout, cluster health, sync-data, verify), driven by its
   * heartbeats and its own deadline rather than a cap per attempt: heartbeat timeout {@link
   * #LONG_HEARTBEAT}, up to {@value #LONG_ATTEMPTS} attempts (backoff 5 s doubling to {@link
   * #LONG_MAX_BACKOFF}); a retried attempt resumes from its heartbeat details or runs the
   * idempotent wait again. Picked up within {@link #AGENT_RETURN}.
   */
  public static ActivityOptions longWaits(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(LONG_START_TO_CLOSE)
        .setHeartbeatTimeout(LONG_HEARTBEAT)
        .setScheduleToStartTimeout(AGENT_RETURN)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(LONG_MAX_BACKOFF)
                .setMaximumAttempts(LONG_ATTEMPTS)
                .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
                .build())
        .build();
  }

  /**
   * A Kubernetes Event write ({@code GridEventActivities}): best effort, so few attempts (3, 1 s
   * then 2 s apart) and a minute in all; the activity itself never fails on a refused write.
   */
  public static ActivityOptions events(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(Duration.ofSeconds(20))
        .setScheduleToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumAttempts(3)
                .build())
        .build();
  }
}
