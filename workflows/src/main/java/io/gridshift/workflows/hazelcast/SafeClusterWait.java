package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.ClusterAgents;
import io.gridshift.workflows.common.FailureQuestion;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Waits until the cluster is safe after a pod moved, and when it does not get there (the wait's
 * retries are spent) asks a person ({@link FailureQuestion}) instead of going on or giving up: the
 * roll is held where it is, the members' latest numbers go into the status, and approval waits for
 * the same pod again. Rejecting rolls back during the upgrade roll, and stops where it is during a
 * settings fix or a rollback.
 */
final class SafeClusterWait {
  private static final Logger log = Workflow.getLogger(SafeClusterWait.class);

  /**
   * How the roll is held while a person decides and let go when they resume: a StatefulSet needs
   * nothing (the partition holds it); a Deployment is paused.
   */
  record Hold(Runnable stop, Runnable resume) {
    static final Hold NONE = new Hold(() -> {}, () -> {});
  }

  private final HazelcastActivityStubs act;
  private final StepTracker tracker;
  private final FailureQuestion question;
  private final FailureQuestion.Gate gate;
  private final HazelcastProgress progress;
  private final String taskQueue;

  /**
   * @param taskQueue the cluster's task queue, named when its agent does not pick up the wait
   */
  SafeClusterWait(
      String taskQueue,
      HazelcastActivityStubs act,
      StepTracker tracker,
      FailureQuestion question,
      FailureQuestion.Gate gate,
      HazelcastProgress progress) {
    this.act = act;
    this.tracker = tracker;
    this.question = question;
    this.gate = gate;
    this.progress = progress;
    this.taskQueue = taskQueue;
  }

  /**
   * Waits as {@code wait} says; on failure asks a person until the wait succeeds or the person
   * stops it. {@code hold} stops the roll before a person is asked and resumes it on approval.
   *
   * @param what the pod waited for, or "the rollout"
   * @param rollbackAllowed whether rejecting rolls back (the upgrade roll) or stops
   * @param whereThingsStand the roll's state, for the person deciding
   */
  void waitOrAsk(
      String step,
      String what,
      SafeWaitRequest wait,
      boolean rollbackAllowed,
      Supplier<String> whereThingsStand,
      Hold hold) {
    while (true) {
      try {
        progress.update(act.hzWaits().waitUntilSafe(wait));
        return;
      } catch (ActivityFailure e) {
        if (e.getCause() instanceof CanceledFailure) {
          throw e;
        }
        hold.stop().run();
        refreshNumbers(wait.endpoint());
        boolean noAgent = ClusterAgents.noWorkerPickedUp(e);
        question.ask(
            step,
            noAgent
                ? step + ": waiting for " + what + " failed: " + ClusterAgents.agentGone(taskQueue)
                : step + ": " + what + " did not become safe: " + reason(e),
            noAgent ? FailureTypes.NO_AGENT : FailureTypes.ROLL_HALTED,
            whereThingsStand.get(),
            gate,
            "wait again",
            rollbackAllowed ? HazelcastUpgradeWorkflowImpl.ROLL_BACK_TO : null);
        tracker.start(step); // the step goes on where it was
        hold.resume().run();
      }
    }
  }

  /** The members' numbers as they are now, for the person deciding; best effort. */
  private void refreshNumbers(HazelcastEndpoint endpoint) {
    try {
      progress.update(act.hz().snapshot(endpoint));
    } catch (ActivityFailure e) {
      log.warn("could not read the members' health for the status: {}", reason(e));
    }
  }

  static String reason(ActivityFailure e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app.getOriginalMessage();
      }
      if (t instanceof TimeoutFailure) {
        return "the wait timed out (" + t.getMessage() + ")";
      }
    }
    return e.getMessage();
  }
}
