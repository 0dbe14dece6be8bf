package io.gridshift.workflows.common;

import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Functions;

/**
 * A cluster whose task queue nobody polls is a clear, fast failure, never a hang: the first call of
 * an upgrade to its cluster runs with {@link ActivityOptionsProfiles#firstContact}, and a
 * schedule-to-start timeout becomes a {@link FailureTypes#NO_AGENT} stop naming the queue.
 */
public final class ClusterAgents {
  private ClusterAgents() {}

  /** Runs the first call to {@code cluster}; a call no worker picked up stops the upgrade. */
  public static <T> T firstCall(ClusterRef cluster, Functions.Func<T> call) {
    try {
      return call.apply();
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof TimeoutFailure timeout
          && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
        throw UpgradeStop.failed(FailureTypes.NO_AGENT, noAgent(cluster));
      }
      throw e;
    }
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
