package io.gridshift.workflows.common;

import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Functions;

/**
 * A cluster whose task queue nobody polls is a clear failure, never a hang.
 *
 * <ol>
 *   <li>The first call of an upgrade to its cluster runs with {@link
 *       ActivityOptionsProfiles#firstContact}: a schedule-to-start timeout ({@link
 *       ActivityOptionsProfiles#AGENT_PICKUP}) becomes a {@link FailureTypes#NO_AGENT} stop naming
 *       the queue ({@link #firstCall}), and nothing was changed.
 *   <li>Every later call waits {@link ActivityOptionsProfiles#AGENT_RETURN} for the agent (a
 *       restart or a rollout of it fits); past that the step fails with {@link
 *       FailureTypes#NO_AGENT} ({@link #agentGone}) and the kind's usual failure handling follows:
 *       compensation before the point of no return, a person asked after it.
 *   <li>Compensation itself needs the agent: an undo that no worker picks up waits for the agent
 *       and runs again ({@link #untilAgentServes}), saying so in the status, rather than leaving
 *       the grid half undone.
 * </ol>
 */
public final class ClusterAgents {
  private ClusterAgents() {}

  /** Runs the first call to {@code cluster}; a call no worker picked up stops the upgrade. */
  public static <T> T firstCall(ClusterRef cluster, Functions.Func<T> call) {
    try {
      return call.apply();
    } catch (ActivityFailure e) {
      if (noWorkerPickedUp(e)) {
        throw UpgradeStop.failed(FailureTypes.NO_AGENT, noAgent(cluster));
      }
      throw e;
    }
  }

  /**
   * Runs {@code work} until no call of it is left unpicked: each time no worker picked one up, says
   * so through {@code waiting} and runs {@code work} again from its start (its activities are
   * idempotent). For compensation, which must finish, so it waits for the agent however long it
   * takes; every other failure is thrown.
   */
  public static void untilAgentServes(
      String taskQueue, Functions.Proc work, Functions.Proc1<String> waiting) {
    while (true) {
      try {
        work.apply();
        return;
      } catch (RuntimeException e) {
        if (!noWorkerPickedUp(e)) {
          throw e;
        }
        waiting.apply(
            "waiting for the cluster's agent: nothing picked up a call on task queue "
                + taskQueue
                + " within "
                + ActivityOptionsProfiles.AGENT_RETURN.toSeconds()
                + " s; start the agent (./gridshift agent --config agent.yaml, or the worker"
                + " serving this cluster) and the compensation goes on by itself");
      }
    }
  }

  /** Whether {@code e} is (or is caused by) a call that no worker picked up in time. */
  public static boolean noWorkerPickedUp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutFailure timeout
          && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
        return true;
      }
    }
    return false;
  }

  /** The failure of a call, after the first, that no worker picked up on {@code taskQueue}. */
  public static UpgradeStop agentGone(String step, String taskQueue) {
    return UpgradeStop.failed(FailureTypes.NO_AGENT, step + " failed: " + agentGone(taskQueue));
  }

  /** Why a call after the first was not run, and what to do. */
  public static String agentGone(String taskQueue) {
    return "the cluster's agent is gone: nothing picked up a call on task queue "
        + taskQueue
        + " within "
        + ActivityOptionsProfiles.AGENT_RETURN.toSeconds()
        + " s; start the agent (./gridshift agent --config agent.yaml, or the worker serving"
        + " this cluster)";
  }

  static String noAgent(ClusterRef cluster) {
    return "no worker serves cluster "
        + cluster.cluster()
        + ": nothing picked up the plan's first call on task queue "
        + cluster.taskQueue()
        + " within "
        + ActivityOptionsProfiles.AGENT_PICKUP.toSeconds()
        + " s; start the cluster's agent (./gridshift agent --config agent.yaml, its config"
        + " listing cluster "
        + cluster.cluster()
        + ") or a worker whose config lists it, or check the cluster name, then start the"
        + " upgrade again"; // the upgrade's end adds that nothing was changed
  }
}
