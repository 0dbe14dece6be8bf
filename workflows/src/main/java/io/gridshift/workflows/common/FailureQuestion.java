package io.gridshift.workflows.common;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The one way an upgrade asks a person what to do when something failed and going on or giving up
 * on its own would be wrong: it says what failed and where things stand, opens the kind's question
 * gate (phase NEEDS_ATTENTION) and waits.
 *
 * <ul>
 *   <li>approve: returns; the caller tries again (runs the step again, waits again).
 *   <li>reject: stops here, or, when the step can roll back, asks for the rollback ({@link
 *       UpgradeStop#rollBackRequested()}).
 *   <li>expiry (a policy that aborts) or abort: stops here.
 * </ul>
 *
 * Every stop it throws is {@link UpgradeStop#answered()}: nobody is asked twice about one failure.
 */
public final class FailureQuestion {
  private static final Logger log = Workflow.getLogger(FailureQuestion.class);

  /**
   * The gate a kind asks on and its policy: Infinispan's {@code retry}, Hazelcast's {@code
   * resume-or-rollback}.
   */
  public record Gate(String name, GatePolicy policy) {}

  private final StepTracker tracker;
  private final Gatekeeper gates;

  FailureQuestion(StepTracker tracker, Gatekeeper gates) {
    this.tracker = tracker;
    this.gates = gates;
  }

  /**
   * Asks about {@code problem} in {@code step}; returns when a person approves.
   *
   * @param problem what failed, naming the step (it becomes the stop's message)
   * @param failureType the type the upgrade fails with when the person stops it
   * @param whereThingsStand the grids' state, for the person deciding
   * @param approveTo what approving does, e.g. {@code run roll again from its start}
   * @param rollBackTo what rejecting does when the step can roll back, e.g. {@code roll back to the
   *     previous image one pod at a time}; null when rejecting stops here
   */
  public void ask(
      String step,
      String problem,
      String failureType,
      String whereThingsStand,
      Gate gate,
      String approveTo,
      String rollBackTo) {
    String rejectTo = rollBackTo == null ? "stop here and finish by hand" : rollBackTo;
    String message =
        problem
            + ". "
            + whereThingsStand
            + " Approve gate '"
            + gate.name()
            + "' to "
            + approveTo
            + ", or reject it to "
            + rejectTo
            + ".";
    tracker.waiting(step, message);
    tracker.message(message);
    log.warn("{}", message);
    Gatekeeper.Result r;
    try {
      r = gates.pass(gate.name(), gate.policy(), Phase.NEEDS_ATTENTION);
    } catch (CanceledFailure e) {
      throw UpgradeStop.cancelled(e);
    }
    AuditEntry e = r.entry();
    String stopped = problem + "; gate '" + gate.name() + "' ";
    switch (r.outcome()) {
      case APPROVED -> {
        tracker.note(step, "approved by " + e.by() + StepRunner.comment(e) + ": " + approveTo);
        tracker.message(e.by() + " approved: " + approveTo);
      }
      case REJECTED -> {
        String why = stopped + "rejected by " + e.by() + StepRunner.comment(e);
        throw rollBackTo == null
            ? UpgradeStop.failed(failureType, why).decided()
            : UpgradeStop.aborted(UpgradeStop.GATE_REJECTED, why).rollBack();
      }
      case EXPIRED ->
          throw UpgradeStop.aborted(UpgradeStop.GATE_EXPIRED, stopped + "expired: " + e.comment())
              .decided();
      case ABORTED ->
          throw UpgradeStop.aborted(
                  UpgradeStop.ABORTED, "aborted by " + e.by() + StepRunner.comment(e))
              .decided();
    }
  }
}
