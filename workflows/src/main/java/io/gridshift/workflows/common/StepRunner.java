package io.gridshift.workflows.common;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Runs the steps and gates of an upgrade, shared by every grid kind.
 *
 * <ol>
 *   <li>Before each step or gate: wait while paused; stop if an abort was requested.
 *   <li>A step runs in its own cancellation scope. While the upgrade is <em>interruptible</em>
 *       (before the point of no return) an abort cancels that scope, so a long sync does not delay
 *       the rollback; afterwards an abort waits for the running step to finish, so the grid is
 *       never left half-changed by gridshift itself.
 *   <li>A failure becomes an {@link UpgradeStop} carrying the activity's failure type and message
 *       (a call no worker picked up: {@link FailureTypes#NO_AGENT}, naming the task queue); the
 *       step is marked FAILED with that message.
 * </ol>
 */
public final class StepRunner {
  private static final Logger log = Workflow.getLogger(StepRunner.class);

  private final StepTracker tracker;
  private final Gatekeeper gates;
  private CancellationScope running;
  private boolean interruptible = true;
  private boolean interrupted;
  private UpgradeMetrics metrics = UpgradeMetrics.NONE;

  /** The task queue of the cluster the steps act on, once known; named when its agent is gone. */
  private String taskQueue;

  private UpgradeEvents events = new UpgradeEvents();

  public StepRunner(StepTracker tracker, Gatekeeper gates) {
    this.tracker = tracker;
    this.gates = gates;
  }

  /** Reports each step's duration to {@code metrics}. */
  public void metrics(UpgradeMetrics metrics) {
    this.metrics = metrics;
  }

  /** Where step starts and ends are reported as Kubernetes Events. */
  public void events(UpgradeEvents events) {
    this.events = events;
  }

  /** Whether an abort cancels the running step (true until the point of no return). */
  public void interruptible(boolean interruptible) {
    this.interruptible = interruptible;
  }

  /** The task queue of the cluster the steps act on, named when no worker picks up a call. */
  public void taskQueue(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  /** Called on abort: cancels the running step when the upgrade is interruptible. */
  public void interrupt(String reason) {
    if (interruptible && running != null) {
      interrupted = true;
      running.cancel(reason);
    }
  }

  /** Waits out a pause, then stops if an abort was requested. */
  public void checkpoint() {
    try {
      gates.awaitUnpaused();
    } catch (CanceledFailure e) {
      // A checkpoint inside a running step (between pods) is cancelled by the abort itself: that is
      // an abort, with its who and comment, not a cancellation of the workflow.
      if (gates.abortRequest() != null) {
        throw abortStop();
      }
      throw UpgradeStop.cancelled(e);
    }
    if (gates.abortRequest() != null) {
      throw abortStop();
    }
  }

  /** Runs {@code step}; throws {@link UpgradeStop} when it fails or is interrupted. */
  public void run(String step, Functions.Proc body) {
    checkpoint();
    tracker.start(step);
    events.stepStarted(step);
    log.info("step {} started", step);
    long started = Workflow.currentTimeMillis();
    try {
      CancellationScope scope = Workflow.newCancellationScope(() -> body.apply());
      running = scope;
      interrupted = false;
      try {
        scope.run();
      } finally {
        running = null;
        metrics.stepEnded(step, Workflow.currentTimeMillis() - started);
      }
    } catch (UpgradeStop | TemporalFailure e) {
      UpgradeStop stop = toStop(step, e);
      tracker.fail(step, stop.getMessage());
      events.stepFailed(step, stop.getMessage());
      log.warn("step {} failed: {}", step, stop.getMessage());
      throw stop;
    }
    tracker.succeed(step);
    events.stepCompleted(step, tracker.note(step));
    log.info("step {} succeeded", step);
  }

  /**
   * Passes gate {@code gate} as step {@code step}; throws {@link UpgradeStop} (ABORTED) when it is
   * rejected, expires or the upgrade is aborted.
   */
  public void gate(String step, String gate, GatePolicy policy) {
    gate(step, gate, policy, null);
  }

  /**
   * Like {@link #gate(String, String, GatePolicy)}; {@code instruction} (may be null) says what the
   * person must do before approving, shown as the step's message while the gate waits.
   */
  public void gate(String step, String gate, GatePolicy policy, String instruction) {
    checkpoint();
    tracker.start(step);
    if (policy.approval() == GatePolicy.Approval.REQUIRED) {
      String waiting = "waiting for a decision on gate '" + gate + "'";
      tracker.waiting(step, instruction == null ? waiting : waiting + ": " + instruction);
    }
    Gatekeeper.Result r = passOrCancel(gate, policy, Phase.WAITING_APPROVAL);
    AuditEntry e = r.entry();
    UpgradeStop stop =
        switch (r.outcome()) {
          case APPROVED -> null;
          case REJECTED ->
              UpgradeStop.aborted(
                  UpgradeStop.GATE_REJECTED,
                  "gate '" + gate + "' was rejected by " + e.by() + comment(e));
          case EXPIRED ->
              UpgradeStop.aborted(
                  UpgradeStop.GATE_EXPIRED, "gate '" + gate + "' expired: " + e.comment());
          case ABORTED -> abortStop();
        };
    if (stop != null) {
      tracker.fail(step, stop.getMessage());
      throw stop;
    }
    tracker.succeed(step, "approved by " + e.by() + comment(e));
  }

  private Gatekeeper.Result passOrCancel(String gate, GatePolicy policy, Phase phase) {
    try {
      return gates.pass(gate, policy, phase);
    } catch (CanceledFailure e) {
      throw UpgradeStop.cancelled(e);
    }
  }

  private UpgradeStop toStop(String step, RuntimeException e) {
    if (e instanceof UpgradeStop stop) {
      return stop;
    }
    CanceledFailure cancel = find(e, CanceledFailure.class);
    if (cancel != null) {
      return interrupted && gates.abortRequest() != null
          ? abortStop()
          : UpgradeStop.cancelled(cancel);
    }
    if (taskQueue != null && ClusterAgents.noWorkerPickedUp(e)) {
      return ClusterAgents.agentGone(step, taskQueue);
    }
    ApplicationFailure app = find(e, ApplicationFailure.class);
    if (app != null) {
      return UpgradeStop.failed(app.getType(), step + " failed: " + app.getOriginalMessage());
    }
    if (find(e, TimeoutFailure.class) != null) {
      return UpgradeStop.failed(
          "Timeout", step + " failed: an activity timed out (" + Causes.rootMessage(e) + ")");
    }
    String type = e instanceof ActivityFailure ? "ActivityFailed" : "StepFailed";
    return UpgradeStop.failed(type, step + " failed: " + Causes.rootMessage(e));
  }

  private UpgradeStop abortStop() {
    AuditEntry a = gates.abortRequest();
    return UpgradeStop.aborted(UpgradeStop.ABORTED, "aborted by " + a.by() + comment(a));
  }

  /** {@code ": <comment>"}, or nothing when the entry has no comment. */
  static String comment(AuditEntry e) {
    return e.comment() == null || e.comment().isBlank() ? "" : ": " + e.comment();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
