package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepRunner;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Blue-green upgrade of an Infinispan grid, as the Data Grid no-downtime runbook does by hand.
 *
 * <ol>
 *   <li>plan: validate the request (nothing touched when invalid), inspect the source and its
 *       caches, refuse an unsupported version, a grid that is not whole or unknown caches. A dry
 *       run returns the plan here.
 *   <li>deploy-target, create-caches, connect-source, probe-write-through: the target runs beside
 *       the source and reads through to it; a write through the target must reach the source.
 *   <li>gate switch-traffic, switch-traffic, sync-data, verify-sync.
 *   <li>gate cutover: the point of no return. Before it, any failure, rejection, expiry, abort or
 *       cancellation runs the compensation (traffic back to the source, target removed) in a
 *       detached scope: every write made so far also reached the source, so nothing is lost. After
 *       it, writes live only on the target: nothing is rolled back; a failed step opens the {@code
 *       retry} gate and waits for a person.
 *   <li>disconnect-source, verify-target, gate delete-source, delete-source.
 * </ol>
 *
 * The step bodies are in {@link InfinispanMigration}; gates, pause and abort in {@link Gatekeeper}
 * and {@link StepRunner}.
 */
public class InfinispanUpgradeWorkflowImpl implements InfinispanUpgradeWorkflow {
  private static final Logger log = Workflow.getLogger(InfinispanUpgradeWorkflowImpl.class);

  private final StepTracker tracker = new StepTracker(InfinispanSteps.ALL);
  private final Gatekeeper gates = new Gatekeeper(tracker);
  private final StepRunner steps = new StepRunner(tracker, gates);
  private final CacheBook caches = new CacheBook();
  private final Saga saga =
      new Saga(
          new Saga.Options.Builder()
              .setParallelCompensation(false)
              .setContinueWithError(true)
              .build());
  private int compensations;
  private boolean pastCutover;
  private InfinispanUpgradeRequest request;
  private InfinispanPlan plan;
  private InfinispanActivityStubs act;
  private InfinispanMigration migration;

  @Override
  public UpgradeStatus upgrade(InfinispanUpgradeRequest raw) {
    try {
      steps.run(InfinispanSteps.PLAN, () -> plan(raw));
      if (request.dryRun()) {
        tracker.skipPending("dry run: nothing was changed");
        tracker.phase(Phase.PLANNED);
        tracker.message("dry run: " + InfinispanPlanner.summary(plan) + "; nothing was changed");
        return status();
      }
      tracker.phase(Phase.RUNNING);
      beforeCutover();
      // The point of no return: from here writes live only on the target.
      pastCutover = true;
      steps.interruptible(false);
      afterCutover();
      return complete();
    } catch (UpgradeStop stop) {
      throw end(stop);
    }
  }

  private void plan(InfinispanUpgradeRequest raw) {
    request = InfinispanPlanner.validated(raw);
    gates.configure(request.requestedBy(), request.fourEyes());
    act = InfinispanActivityStubs.forCluster(request.cluster());
    SourceGrid source =
        act.deploy()
            .inspectSource(
                new InspectSourceRequest(
                    request.cluster(),
                    request.grid(),
                    request.service(),
                    request.route(),
                    request.targetGrid()));
    InfinispanPlanner.checkSource(request, source);
    // The pinned source Service does not exist yet: read the caches through the client Service.
    GridInventory inventory =
        act.data()
            .inventory(
                new GridEndpoint(
                    request.cluster(),
                    request.service(),
                    request.port(),
                    request.credentialsSecret()));
    plan = InfinispanPlanner.plan(request, source, inventory);
    caches.planned(plan.caches());
    migration = new InfinispanMigration(request, plan, act, tracker, caches);
    String summary = InfinispanPlanner.summary(plan);
    tracker.note(InfinispanSteps.PLAN, summary);
    tracker.message(summary);
    log.info("plan: {}", summary);
  }

  private void beforeCutover() {
    compensateWith(InfinispanSteps.DEPLOY_TARGET, "target removed", migration::removeTarget);
    steps.run(InfinispanSteps.DEPLOY_TARGET, migration::deployTarget);
    steps.run(InfinispanSteps.CREATE_CACHES, migration::createCaches);
    steps.run(InfinispanSteps.CONNECT_SOURCE, migration::connectSource);
    steps.run(InfinispanSteps.PROBE_WRITE_THROUGH, migration::probeWriteThrough);
    gate(InfinispanSteps.GATE_SWITCH_TRAFFIC, InfinispanGates.SWITCH_TRAFFIC);
    compensateWith(
        InfinispanSteps.SWITCH_TRAFFIC, "traffic back on the source", migration::restoreTraffic);
    steps.run(InfinispanSteps.SWITCH_TRAFFIC, migration::switchTraffic);
    steps.run(InfinispanSteps.SYNC_DATA, migration::syncData);
    steps.run(InfinispanSteps.VERIFY_SYNC, migration::verifySync);
    gate(InfinispanSteps.GATE_CUTOVER, InfinispanGates.CUTOVER);
  }

  private void afterCutover() {
    // After a failure here a person decides; the retry gate never ends the upgrade on its own
    // (there is nothing left to undo), it reminds again every cutover-timeout period.
    GatePolicy retry =
        new GatePolicy(
            GatePolicy.Approval.REQUIRED,
            request.gates().get(InfinispanGates.CUTOVER).timeout(),
            GatePolicy.TimeoutAction.KEEP_WAITING);
    steps.runOrAskToRetry(
        InfinispanSteps.DISCONNECT_SOURCE,
        migration::disconnectSource,
        retry,
        this::whereThingsStand);
    steps.runOrAskToRetry(
        InfinispanSteps.VERIFY_TARGET, migration::verifyTarget, retry, this::whereThingsStand);
    gate(InfinispanSteps.GATE_DELETE_SOURCE, InfinispanGates.DELETE_SOURCE);
    steps.runOrAskToRetry(
        InfinispanSteps.DELETE_SOURCE, migration::deleteSource, retry, this::whereThingsStand);
  }

  private void gate(String step, String gate) {
    steps.gate(step, gate, request.gates().get(gate));
  }

  /** Registers, before the step it undoes, a compensation that also marks the step. */
  private void compensateWith(String step, String detail, Functions.Proc undo) {
    compensations++;
    saga.addCompensation(
        () -> {
          undo.apply();
          tracker.compensated(step, detail);
        });
  }

  private UpgradeStatus complete() {
    tracker.phase(Phase.COMPLETED);
    tracker.message(
        "upgraded grid "
            + plan.source().name()
            + " "
            + plan.source().version()
            + " -> "
            + plan.targetVersion()
            + ": clients reach "
            + plan.targetGrid()
            + " through Service "
            + request.service()
            + "; "
            + plan.caches().size()
            + " caches verified with no key missing; the source was deleted");
    log.info("upgrade completed: {}", tracker.message());
    return status();
  }

  /** Compensates (before cutover) or describes the state (after), then builds the failure. */
  private RuntimeException end(UpgradeStop stop) {
    String outcome = pastCutover ? whereThingsStand() : compensate();
    String message = sentence(stop.getMessage()) + " " + outcome;
    tracker.phase(stop.phase());
    tracker.message(message);
    tracker.skipPending("not run: the upgrade ended (" + stop.type() + ")");
    log.warn("upgrade ended {}: {}", stop.phase(), message);
    if (stop.isCancellation()) {
      return (RuntimeException) stop.getCause();
    }
    return ApplicationFailure.newNonRetryableFailure(message, stop.type());
  }

  private String compensate() {
    if (compensations == 0) {
      return "Nothing was changed in the cluster.";
    }
    tracker.phase(Phase.COMPENSATING);
    try {
      // Detached: compensation still runs when the workflow itself is being cancelled.
      Workflow.newDetachedCancellationScope(saga::compensate).run();
      return "Compensated: client traffic is on the source grid "
          + plan.source().name()
          + " and the target "
          + plan.targetGrid()
          + " was removed; nothing was lost (every write also reached the source). Fix the"
          + " cause and start the upgrade again.";
    } catch (RuntimeException e) {
      log.error("compensation failed", e);
      return "Compensation did not finish ("
          + e.getMessage()
          + "): check by hand that Service "
          + request.service()
          + " selects "
          + plan.source().serviceSelector()
          + ", then delete StatefulSet "
          + plan.targetGrid()
          + " with its ConfigMap and the Services "
          + plan.targetGrid()
          + " and "
          + plan.sourceService()
          + ".";
    }
  }

  /** After cutover: what state the grids are in, for the person who decides what next. */
  private String whereThingsStand() {
    String traffic =
        "Nothing was rolled back (writes made on the target since cutover would be lost): the"
            + " target "
            + plan.targetGrid()
            + " serves all traffic through Service "
            + request.service()
            + ".";
    String source = " The source grid " + plan.source().name() + " is still running";
    if (tracker.state(InfinispanSteps.DISCONNECT_SOURCE) != StepState.SUCCEEDED) {
      return traffic
          + source
          + " and target caches may still read through to it; disconnect them before deleting it.";
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

  private static String sentence(String s) {
    return s.endsWith(".") ? s : s + ".";
  }

  @Override
  public AuditEntry approve(GateDecision decision) {
    return gates.decide(decision, true);
  }

  @Override
  public void validateApprove(GateDecision decision) {
    gates.validate(decision, true);
  }

  @Override
  public AuditEntry reject(GateDecision decision) {
    return gates.decide(decision, false);
  }

  @Override
  public void validateReject(GateDecision decision) {
    gates.validate(decision, false);
  }

  @Override
  public void approveSignal(GateDecision decision) {
    gates.decideBySignal(decision, true);
  }

  @Override
  public void rejectSignal(GateDecision decision) {
    gates.decideBySignal(decision, false);
  }

  @Override
  public void pause(OperatorAction action) {
    gates.pause(action);
  }

  @Override
  public void resume(OperatorAction action) {
    gates.resume(action);
  }

  @Override
  public void abort(OperatorAction action) {
    if (gates.abort(action)) {
      steps.interrupt("aborted by " + action.by());
    }
  }

  @Override
  public UpgradeStatus status() {
    return new UpgradeStatus(
        Workflow.getInfo().getWorkflowId(),
        "infinispan",
        tracker.phase(),
        tracker.currentStep(),
        tracker.steps(),
        caches.all(),
        gates.openGate(),
        gates.audit(),
        gates.paused(),
        tracker.message(),
        plan);
  }
}
