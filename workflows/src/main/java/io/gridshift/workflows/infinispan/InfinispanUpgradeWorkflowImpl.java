package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Causes;
import io.gridshift.workflows.common.ClaimKeeper;
import io.gridshift.workflows.common.ClusterAgents;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.GatedUpgradeHandlers;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepRunner;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Blue-green upgrade of an Infinispan grid, as the Data Grid no-downtime runbook does by hand.
 *
 * <ol>
 *   <li>plan: validate the request (nothing touched when invalid), inspect the source and its
 *       caches, refuse an unsupported version, a grid that is not whole or unknown caches. A dry
 *       run returns the plan here.
 *   <li>deploy-target, create-caches, connect-source, probe-write-through: the target runs beside
 *       the source and reads through to it; a write through the target must reach the source. When
 *       it does not for some caches (the protostream hazard), {@link ProtostreamHandling} decides:
 *       REFUSE stops here; PAUSE_WRITES goes on with step 3.
 *   <li>Only for those caches (else both SKIPPED): gate writes-paused (a person pauses client
 *       writes to them), sync-paused-caches (each is synced, verified and disconnected).
 *   <li>gate switch-traffic, switch-traffic, sync-data, verify-sync (the caches not done in step
 *       3).
 *   <li>gate cutover, then disconnect-source, verify-target (every cache), gate delete-source,
 *       delete-source.
 * </ol>
 *
 * <p>The point of no return is the cutover gate, or switch-traffic when caches moved with writes
 * paused (writes to them resume on the target only). Before it, any failure, rejection, expiry,
 * abort or cancellation runs the compensation (traffic back to the source, target removed) in a
 * detached scope: every write made so far also reached the source, so nothing is lost. After it,
 * nothing is rolled back: a failed step opens the {@code retry} gate and waits for a person.
 *
 * <p>The step bodies are in {@link TargetGrid} (deploy, caches, connect and disconnect the source,
 * delete it), {@link ClientTraffic} (switch the client Service and Route, or switch them back) and
 * {@link CacheData} (probe, sync, verify); the end messages in {@link InfinispanOutcomes}; gates,
 * pause and abort in {@link Gatekeeper} and {@link StepRunner}.
 */
public class InfinispanUpgradeWorkflowImpl extends GatedUpgradeHandlers
    implements InfinispanUpgradeWorkflow {
  public InfinispanUpgradeWorkflowImpl() {
    super(InfinispanSteps.ALL);
  }

  /**
   * @param offered what the worker offers: registered search attributes, notifications
   */
  public InfinispanUpgradeWorkflowImpl(VisibilityOptions offered) {
    super(InfinispanSteps.ALL, offered);
  }

  private static final Logger log = Workflow.getLogger(InfinispanUpgradeWorkflowImpl.class);

  private final CacheBook caches = new CacheBook();
  private final Saga saga =
      new Saga(
          new Saga.Options.Builder()
              .setParallelCompensation(false)
              .setContinueWithError(true)
              .build());
  private int compensations;
  private final List<String> compensationErrors = new ArrayList<>();

  /** Null before the point of no return, then the step or gate that passed it. */
  private String pointOfNoReturn;

  private InfinispanUpgradeRequest request;
  private InfinispanPlan plan;
  private InfinispanActivityStubs act;
  private TargetGrid targetGrid;
  private ClientTraffic traffic;
  private CacheData data;
  private InfinispanOutcomes outcomes;
  private ClaimKeeper claims;

  @Override
  public UpgradeStatus upgrade(InfinispanUpgradeRequest raw) {
    visibility.begin("infinispan", raw);
    try {
      steps.run(InfinispanSteps.PLAN, () -> plan(raw));
      if (request.dryRun()) {
        tracker.skipPending("dry run: nothing was changed");
        tracker.phase(Phase.PLANNED);
        tracker.message("dry run: " + InfinispanPlanner.summary(plan) + "; nothing was changed");
        return status();
      }
      tracker.phase(Phase.RUNNING);
      prepareTarget();
      movePausedCaches();
      switchTraffic();
      step(InfinispanSteps.SYNC_DATA, data::syncData);
      step(InfinispanSteps.VERIFY_SYNC, data::verifySync);
      gate(InfinispanSteps.GATE_CUTOVER, InfinispanGates.CUTOVER, null);
      // From here writes live only on the target (if switch-traffic did not already pass it).
      passPointOfNoReturn(InfinispanGates.CUTOVER);
      step(InfinispanSteps.DISCONNECT_SOURCE, targetGrid::disconnectSource);
      step(InfinispanSteps.VERIFY_TARGET, data::verifyTarget);
      gate(InfinispanSteps.GATE_DELETE_SOURCE, InfinispanGates.DELETE_SOURCE, null);
      step(InfinispanSteps.DELETE_SOURCE, targetGrid::deleteSource);
      return complete();
    } catch (UpgradeStop stop) {
      throw end(stop);
    }
  }

  private void plan(InfinispanUpgradeRequest raw) {
    request = InfinispanPlanner.validated(raw);
    gates.configure(request.requestedBy(), request.fourEyes());
    act = InfinispanActivityStubs.forCluster(request.cluster());
    claims = new ClaimKeeper(act.kube());
    InspectSourceRequest inspect =
        new InspectSourceRequest(
            request.cluster(),
            request.grid(),
            request.service(),
            request.route(),
            request.targetGrid(),
            Workflow.getInfo().getWorkflowId());
    SourceGrid source =
        ClusterAgents.firstCall(request.cluster(), () -> act.firstContact().inspectSource(inspect));
    InfinispanPlanner.checkSource(request, source);
    visibility.sourceVersion(source.version());
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
    if (!request.dryRun()) {
      claims.claim(request.cluster(), InfinispanPlanner.claimed(request, plan));
      claims.alsoRelease(InfinispanPlanner.created(plan));
    }
    caches.planned(plan.caches());
    targetGrid = new TargetGrid(request, plan, act, tracker, caches, claims);
    traffic = new ClientTraffic(request, plan, act, tracker, claims);
    data = new CacheData(request, plan, act, tracker, caches);
    outcomes = new InfinispanOutcomes(request, plan, tracker, caches);
    String summary = InfinispanPlanner.summary(plan);
    tracker.note(InfinispanSteps.PLAN, summary);
    tracker.message(summary);
    log.info("plan: {}", summary);
  }

  private void prepareTarget() {
    compensateWith(InfinispanSteps.DEPLOY_TARGET, "target removed", targetGrid::remove);
    steps.run(InfinispanSteps.DEPLOY_TARGET, targetGrid::deploy);
    steps.run(InfinispanSteps.CREATE_CACHES, targetGrid::createCaches);
    steps.run(InfinispanSteps.CONNECT_SOURCE, targetGrid::connectSource);
    steps.run(InfinispanSteps.PROBE_WRITE_THROUGH, data::probeWriteThrough);
  }

  /**
   * PAUSE_WRITES: the caches a write through the target cannot reach move now, before traffic, once
   * a person has paused client writes to them. Still compensated: traffic is on the source.
   */
  private void movePausedCaches() {
    List<String> paused = caches.writePaused();
    if (paused.isEmpty()) {
      String why = "not needed: a write through the target reaches the source for every cache";
      tracker.skip(InfinispanSteps.GATE_WRITES_PAUSED, why);
      tracker.skip(InfinispanSteps.SYNC_PAUSED_CACHES, why);
      return;
    }
    tracker.message(WriteThroughRules.pauseRequest(paused));
    log.warn("caches {} need client writes paused: {}", paused, tracker.message());
    gate(
        InfinispanSteps.GATE_WRITES_PAUSED,
        InfinispanGates.WRITES_PAUSED,
        WriteThroughRules.pauseInstruction(paused));
    // The request to pause is answered: until the next step says more, say that writes stay paused.
    tracker.message(WriteThroughRules.whilePausedCachesMove(paused));
    steps.run(InfinispanSteps.SYNC_PAUSED_CACHES, data::syncPausedCaches);
    tracker.message(WriteThroughRules.keepPaused(paused));
  }

  /** With caches moved under paused writes, switch-traffic is the point of no return. */
  private void switchTraffic() {
    List<String> paused = caches.writePaused();
    String keepPaused = paused.isEmpty() ? null : WriteThroughRules.keepPaused(paused);
    gate(InfinispanSteps.GATE_SWITCH_TRAFFIC, InfinispanGates.SWITCH_TRAFFIC, keepPaused);
    compensateWith(
        InfinispanSteps.SWITCH_TRAFFIC, "traffic back on the source", traffic::switchBackToSource);
    steps.run(InfinispanSteps.SWITCH_TRAFFIC, traffic::switchToTarget);
    if (!paused.isEmpty()) {
      // Writes to the paused caches now resume on the target only: switching back would lose them.
      passPointOfNoReturn(InfinispanSteps.SWITCH_TRAFFIC);
      tracker.message(WriteThroughRules.resumeNow(paused));
      log.info("{}", tracker.message());
    }
  }

  /** From here nothing is compensated and an abort lets the running step finish. */
  private void passPointOfNoReturn(String where) {
    if (pointOfNoReturn == null) {
      pointOfNoReturn = where;
      steps.interruptible(false);
      log.info("past the point of no return: {}", where);
    }
  }

  /**
   * Runs a step. Before the point of no return a failure ends the upgrade (with compensation);
   * after it a person decides at the retry gate, which never ends the upgrade on its own (there is
   * nothing left to undo): it reminds again every cutover-timeout period.
   */
  private void step(String step, Functions.Proc body) {
    if (pointOfNoReturn == null) {
      steps.run(step, body);
      return;
    }
    GatePolicy retry =
        new GatePolicy(
            GatePolicy.Approval.REQUIRED,
            request.gates().get(InfinispanGates.CUTOVER).timeout(),
            GatePolicy.TimeoutAction.KEEP_WAITING);
    steps.runOrAskToRetry(step, body, retry, () -> outcomes.whereThingsStand(pointOfNoReturn));
  }

  /** {@code instruction} (may be null) says what the person must do before approving. */
  private void gate(String step, String gate, String instruction) {
    steps.gate(step, gate, request.gates().get(gate), instruction);
  }

  /** Registers, before the step it undoes, a compensation that also marks the step. */
  private void compensateWith(String step, String detail, Functions.Proc undo) {
    compensations++;
    saga.addCompensation(
        () -> {
          try {
            undo.apply();
            tracker.compensated(step, detail);
          } catch (RuntimeException e) {
            // A sequential Saga that continues with errors swallows them: keep them ourselves, or
            // a failed compensation would read as "nothing was lost".
            compensationErrors.add(step + ": " + Causes.rootMessage(e));
            throw e;
          }
        });
  }

  private UpgradeStatus complete() {
    tracker.phase(Phase.COMPLETED);
    tracker.message(withNote(outcomes.completed(), claims.release()));
    log.info("upgrade completed: {}", tracker.message());
    finished();
    return status();
  }

  /**
   * Compensates (before the point of no return) or describes the state, then builds the failure.
   */
  private RuntimeException end(UpgradeStop stop) {
    String outcome =
        pointOfNoReturn != null
            ? outcomes.whereThingsStand(pointOfNoReturn)
            : compensateAndRelease();
    String message = sentence(stop.getMessage()) + " " + outcome;
    tracker.phase(stop.phase());
    tracker.message(message);
    tracker.skipPending("not run: the upgrade ended (" + stop.type() + ")");
    log.warn("upgrade ended {}: {}", stop.phase(), message);
    finished();
    if (stop.isCancellation()) {
      return (RuntimeException) stop.getCause();
    }
    return ApplicationFailure.newNonRetryableFailure(message, stop.type());
  }

  /** Before the point of no return everything goes back, and so do the claims. */
  private String compensateAndRelease() {
    String outcome = compensate();
    // A compensation that failed leaves objects a person must look at: they stay claimed.
    return claims == null || !compensationErrors.isEmpty()
        ? outcome
        : withNote(outcome, claims.release());
  }

  private static String withNote(String message, String note) {
    return note == null ? message : message + " " + note;
  }

  private String compensate() {
    if (compensations == 0) {
      return "Nothing was changed in the cluster.";
    }
    tracker.phase(Phase.COMPENSATING);
    try {
      // Detached: compensation still runs when the workflow itself is being cancelled.
      Workflow.newDetachedCancellationScope(saga::compensate).run();
    } catch (RuntimeException e) {
      log.error("compensation failed", e);
      compensationErrors.add(Causes.rootMessage(e));
    }
    if (compensationErrors.isEmpty()) {
      return outcomes.compensated();
    }
    return outcomes.compensationFailed(String.join("; ", compensationErrors));
  }

  private static String sentence(String s) {
    return s.endsWith(".") ? s : s + ".";
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
        plan,
        List.of(),
        List.of());
  }
}
