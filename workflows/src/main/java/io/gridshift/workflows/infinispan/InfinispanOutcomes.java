package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.util.List;

/**
 * What the person reads when an Infinispan upgrade ends: completed, compensated, or stopped past
 * the point of no return with the grids left as they are. Built from the plan and the steps'
 * states, so the words match what really happened.
 */
final class InfinispanOutcomes {
  private final InfinispanUpgradeRequest request;
  private final InfinispanPlan plan;
  private final StepTracker tracker;
  private final CacheBook caches;

  InfinispanOutcomes(
      InfinispanUpgradeRequest request,
      InfinispanPlan plan,
      StepTracker tracker,
      CacheBook caches) {
    this.request = request;
    this.plan = plan;
    this.tracker = tracker;
    this.caches = caches;
  }

  /** The upgrade completed. */
  String completed() {
    return "upgraded grid "
        + plan.source().name()
        + " "
        + plan.sourceVersion()
        + " -> "
        + plan.targetVersion()
        + ": clients reach "
        + plan.targetGrid()
        + " through Service "
        + request.service()
        + "; "
        + plan.caches().size()
        + " caches verified with no key missing; the source was deleted";
  }

  /** Compensation ran to its end. */
  String compensated() {
    return "Compensated: client traffic is on the source grid "
        + plan.source().name()
        + " and the target "
        + plan.targetGrid()
        + " was removed; nothing was lost (every write also reached the source). Fix the"
        + " cause and start the upgrade again."
        + resumeWrites();
  }

  /** Compensation failed with {@code error}: what to check and delete by hand. */
  String compensationFailed(String error) {
    return "Compensation did not finish ("
        + error
        + "): check by hand that Service "
        + request.service()
        + " selects "
        + plan.source().serviceSelector()
        + ", then delete "
        + plan.source().kind().display()
        + " "
        + plan.targetGrid()
        + " with its ConfigMap and the Services "
        + plan.targetGrid()
        + " and "
        + plan.sourceService()
        + "."
        + resumeWrites();
  }

  /**
   * Past the point of no return ({@code pointOfNoReturn}: the gate or step that passed it): what
   * state the grids are in, for the person who decides what next.
   */
  String whereThingsStand(String pointOfNoReturn) {
    String traffic =
        "Nothing was rolled back (writes made on the target since "
            + pointOfNoReturn
            + " would be lost): the target "
            + plan.targetGrid()
            + " serves all traffic through Service "
            + request.service()
            + ".";
    String source = " The source grid " + plan.source().name() + " is still running";
    if (tracker.state(InfinispanSteps.DISCONNECT_SOURCE) != StepState.SUCCEEDED) {
      return traffic
          + source
          + " and target caches "
          + caches.syncedAfterSwitch()
          + " may still read through to it; disconnect them before deleting it.";
    }
    if (tracker.state(InfinispanSteps.VERIFY_TARGET) != StepState.SUCCEEDED) {
      return traffic + " The source is disconnected but the target is not verified." + source + ".";
    }
    return traffic
        + " The target is verified."
        + source
        + " with Service "
        + plan.sourceService()
        + ": delete them when no longer needed.";
  }

  /** After compensation: a reminder for writes a person may have paused at gate writes-paused. */
  private String resumeWrites() {
    List<String> paused = caches.writePaused();
    boolean asked = tracker.state(InfinispanSteps.GATE_WRITES_PAUSED) != StepState.PENDING;
    return paused.isEmpty() || !asked ? "" : WriteThroughRules.resumeAfterCompensation(paused);
  }
}
