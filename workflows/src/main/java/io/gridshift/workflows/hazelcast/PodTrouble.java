package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.UpgradeStop;
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
 * retries are spent) hands the decision to a person instead of going on or giving up:
 *
 * <ol>
 *   <li>The partition stays where it is; the members' latest numbers go into the status.
 *   <li>Gate {@value HazelcastGates#RESUME_OR_ROLLBACK} opens, phase NEEDS_ATTENTION, with what
 *       failed and where the roll stands.
 *   <li>Approve: wait for the same pod again. Reject: during the upgrade roll, roll back (the
 *       caller sees {@link #rollbackRequested()}); during a settings fix or a rollback, stop where
 *       it is. Expiry (policy ABORT) or abort: stop where it is.
 * </ol>
 */
final class PodTrouble {
  private static final Logger log = Workflow.getLogger(PodTrouble.class);

  /**
   * How the roll is held while a person decides and let go when they resume: a StatefulSet needs
   * nothing (the partition holds it); a Deployment is paused.
   */
  record Hold(Runnable stop, Runnable resume) {
    static final Hold NONE = new Hold(() -> {}, () -> {});
  }

  private final HazelcastActivityStubs act;
  private final StepTracker tracker;
  private final Gatekeeper gates;
  private final GatePolicy policy;
  private final HazelcastProgress progress;
  private AuditEntry rollbackDecision;

  PodTrouble(
      HazelcastActivityStubs act,
      StepTracker tracker,
      Gatekeeper gates,
      GatePolicy policy,
      HazelcastProgress progress) {
    this.act = act;
    this.tracker = tracker;
    this.gates = gates;
    this.policy = policy;
    this.progress = progress;
  }

  /** The rejection of gate resume-or-rollback that asked for a rollback, or null. */
  AuditEntry rollbackDecision() {
    return rollbackDecision;
  }

  boolean rollbackRequested() {
    return rollbackDecision != null;
  }

  /**
   * Waits as {@code wait} says; on failure asks a person (see the class comment) until the wait
   * succeeds or the person stops it.
   *
   * @param what the pod waited for, or "the rollout"
   * @param rollbackAllowed whether rejecting the gate rolls back (the upgrade roll) or stops
   * @param whereThingsStand the roll's state, for the person deciding
   */
  void waitOrAsk(
      String step,
      String what,
      SafeWaitRequest wait,
      boolean rollbackAllowed,
      Supplier<String> whereThingsStand) {
    waitOrAsk(step, what, wait, rollbackAllowed, whereThingsStand, Hold.NONE);
  }

  /** As above; {@code hold} stops the roll before a person is asked and resumes it on approval. */
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
        ask(
            step,
            what + " did not become safe: " + reason(e),
            false,
            rollbackAllowed,
            whereThingsStand);
        hold.resume().run();
      }
    }
  }

  /**
   * A roll step failed for another reason (an activity out of retries: the Kubernetes API or a
   * member unreachable for minutes): asks the same way; returns when the person approves running
   * the step again from its start, which is safe because every part of a roll step is idempotent.
   */
  void askAfterFailure(
      String step, String problem, boolean rollbackAllowed, Supplier<String> whereThingsStand) {
    ask(step, problem, true, rollbackAllowed, whereThingsStand);
  }

  /** Whether {@code stop} is a decision this class already took with a person (not to re-ask). */
  static boolean decided(UpgradeStop stop) {
    return FailureTypes.ROLL_HALTED.equals(stop.type());
  }

  private void ask(
      String step,
      String problem,
      boolean rerun,
      boolean rollbackAllowed,
      Supplier<String> whereThingsStand) {
    String approveTo = rerun ? "run " + step + " again from its start" : "wait again";
    String gate = HazelcastGates.RESUME_OR_ROLLBACK;
    String choice =
        rollbackAllowed
            ? "reject it to roll back to the previous image one pod at a time"
            : "reject it to stop here";
    String message =
        step
            + ": "
            + problem
            + ". "
            + whereThingsStand.get()
            + " Approve gate '"
            + gate
            + "' to "
            + approveTo
            + ", or "
            + choice
            + ".";
    tracker.waiting(step, message);
    tracker.message(message);
    log.warn("{}", message);
    Gatekeeper.Result r = gates.pass(gate, policy, Phase.NEEDS_ATTENTION);
    AuditEntry e = r.entry();
    String stopped = step + ": " + problem + "; gate '" + gate + "' ";
    switch (r.outcome()) {
      case APPROVED -> {
        if (!rerun) {
          tracker.start(step); // the step goes on where it was; a re-run starts it itself
        }
        tracker.note(step, "resumed by " + e.by() + comment(e) + ": " + approveTo);
        tracker.message("resumed by " + e.by() + ": " + approveTo);
      }
      case REJECTED -> {
        if (rollbackAllowed) {
          rollbackDecision = e;
          throw UpgradeStop.aborted(
              UpgradeStop.GATE_REJECTED, stopped + "rejected by " + e.by() + comment(e));
        }
        throw UpgradeStop.failed(
            FailureTypes.ROLL_HALTED, stopped + "rejected by " + e.by() + comment(e));
      }
      case EXPIRED ->
          throw UpgradeStop.aborted(UpgradeStop.GATE_EXPIRED, stopped + "expired: " + e.comment());
      case ABORTED ->
          throw UpgradeStop.aborted(UpgradeStop.ABORTED, "aborted by " + e.by() + comment(e));
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

  private static String comment(AuditEntry e) {
    return e.comment() == null || e.comment().isBlank() ? "" : ": " + e.comment();
  }
}
