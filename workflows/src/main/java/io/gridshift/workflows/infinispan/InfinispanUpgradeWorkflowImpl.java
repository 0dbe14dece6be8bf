package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.common.UpgradeStep.gate;
import static io.gridshift.workflows.common.UpgradeStep.work;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.ClaimKeeper;
import io.gridshift.workflows.common.ClusterAgents;
import io.gridshift.workflows.common.FailureQuestion;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.OwnedGrids;
import io.gridshift.workflows.common.UpgradeDetails;
import io.gridshift.workflows.common.UpgradeSkeleton;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStep;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.common.WorkflowChanges;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/**
 * Blue-green upgrade of an Infinispan grid, as the Data Grid no-downtime runbook does by hand, on
 * the {@link UpgradeSkeleton}.
 *
 * <ol>
 *   <li>plan: validate the request (nothing touched when invalid), inspect the source and its
 *       caches, refuse a grid another tool manages (unless taken over, then audited), an
 *       unsupported version, a grid that is not whole or unknown caches. A dry run returns the plan
 *       here.
 *   <li>deploy-target (undone by removing the target), create-caches, connect-source,
 *       probe-write-through: the target runs beside the source and reads through to it; a write
 *       through the target must reach the source. When it does not for some caches (the protostream
 *       hazard), {@link ProtostreamHandling} decides: REFUSE stops here; PAUSE_WRITES goes on with
 *       step 3.
 *   <li>Only for those caches (else skipped): sync-paused-caches syncs each in bulk while clients
 *       still write to the source, disconnects it and warms up its catch-up pass.
 *   <li>gate switch-traffic; then, only for those caches, gate writes-paused (a person pauses
 *       client writes to them; the write pause is measured from this approval) and
 *       catch-up-paused-caches (copies what changed on the source since the bulk sync, deletes what
 *       is gone).
 *   <li>switch-traffic (undone by putting traffic back on the source; ends the write pause),
 *       sync-data, verify-sync (the caches not done in step 3).
 *   <li>gate cutover, then disconnect-source, verify-target (every cache), gate delete-source,
 *       delete-source.
 * </ol>
 *
 * <p>Upgrades started before the short write pause (issue 16, {@code
 * WorkflowChanges.SHORT_WRITE_PAUSE}) open gate writes-paused before sync-paused-caches instead
 * (step {@code gate:writes-paused-for-sync}), which then syncs, verifies and disconnects with
 * writes paused, and skip catch-up-paused-caches.
 *
 * <p>The point of no return is the cutover gate, or switch-traffic when caches moved with writes
 * paused (writes to them resume on the target only). Before it, any stop runs the compensation:
 * every write made so far also reached the source, so nothing is lost. After it, nothing is rolled
 * back: a failed step opens the {@value Gatekeeper#RETRY_GATE} gate and waits for a person.
 *
 * <p>The step bodies are in {@link TargetGrid} (the target beside the source, to deleting the
 * source), {@link ClientTraffic} (which grid clients reach) and {@link CacheData} (probe, sync,
 * verify); the end messages in {@link InfinispanOutcomes}.
 */
public class InfinispanUpgradeWorkflowImpl extends UpgradeSkeleton<InfinispanUpgradeRequest>
    implements InfinispanUpgradeWorkflow {
  private static final Logger log = Workflow.getLogger(InfinispanUpgradeWorkflowImpl.class);

  private final CacheBook caches = new CacheBook();
  private InfinispanPlan plan;
  private TargetGrid targetGrid;
  private ClientTraffic traffic;
  private CacheData data;
  private InfinispanOutcomes outcomes;

  /** Workflow time when gate writes-paused was approved (brief pause only), else null. */
  private Long writesPausedAt;

  public InfinispanUpgradeWorkflowImpl() {
    this(VisibilityOptions.NONE);
  }

  /**
   * @param offered what the worker offers: registered search attributes, notifications
   */
  public InfinispanUpgradeWorkflowImpl(VisibilityOptions offered) {
    super(InfinispanKind.NAME, InfinispanSteps.ALL, offered);
  }

  @Override
  public UpgradeStatus upgrade(InfinispanUpgradeRequest raw) {
    return run(raw);
  }

  @Override
  protected InfinispanUpgradeRequest plan(InfinispanUpgradeRequest request) {
    InfinispanActivityStubs act = InfinispanActivityStubs.forCluster(request.cluster());
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
    boolean measuredPaths =
        Workflow.getVersion(WorkflowChanges.UPGRADE_PATHS, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (!measuredPaths) {
      InfinispanPlanner.checkVersionsAsBefore(request, source);
    }
    InfinispanPlanner.checkSource(request, source);
    boolean serverVersions =
        Workflow.getVersion(WorkflowChanges.SERVER_VERSIONS, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    if (!serverVersions) {
      visibility.sourceVersion(source.version());
    }
    GridInventory inventory = inventory(request, act);
    // The server's version wins over the image tag's (histories before it go by the tag).
    String version =
        serverVersions
            ? InfinispanPlanner.sourceVersion(source, inventory).version()
            : source.version();
    if (serverVersions) {
      visibility.sourceVersion(version);
    }
    PathChoice path =
        measuredPaths
            ? decidePath(request, version)
            : PathChoice.asBefore(request.connectionMode());
    InfinispanPlanner.checkPath(request, version, path);
    plan = InfinispanPlanner.plan(request, source, inventory, path);
    if (!request.dryRun()) {
      claims.claim(request.cluster(), InfinispanPlanner.claimed(request, plan));
      claims.alsoRelease(InfinispanPlanner.created(plan));
      tookOver(request, source);
    }
    caches.planned(plan.caches());
    targetGrid = new TargetGrid(request, plan, act, tracker, caches, claims, serverVersions);
    traffic = new ClientTraffic(request, plan, act, tracker, claims);
    data = new CacheData(request, plan, act, tracker, caches, metrics());
    outcomes = new InfinispanOutcomes(request, plan, tracker, caches);
    planned(InfinispanPlanner.summary(plan));
    return request;
  }

  /** The pinned source Service does not exist yet: the caches are read through the client one. */
  private static GridInventory inventory(
      InfinispanUpgradeRequest request, InfinispanActivityStubs act) {
    return act.data()
        .inventory(
            new GridEndpoint(
                request.cluster(),
                request.service(),
                request.port(),
                request.credentialsSecret(),
                request.tlsSecret()));
  }

  /**
   * The upgrade path decided from the matrix this worker ships, recorded in the history: a replay
   * on a worker with a newer matrix gets the same decision.
   */
  private static PathChoice decidePath(InfinispanUpgradeRequest request, String sourceVersion) {
    PathQuestion question = InfinispanPlanner.pathQuestion(request, sourceVersion);
    return Workflow.sideEffect(
        PathChoice.class, () -> UpgradePaths.decide(UpgradePathMatrix.shipped(), question));
  }

  /** A grid another tool manages, taken over knowingly (TAKE_OVER): the audit log says so. */
  private void tookOver(InfinispanUpgradeRequest request, SourceGrid source) {
    if (source.owner() != null) {
      gates.audited(
          request.grid(),
          AuditEntry.Action.TOOK_OVER,
          request.requestedBy(),
          OwnedGrids.tookOver(request.requestedBy(), source.owner()));
    }
  }

  @Override
  protected String planSummary() {
    return InfinispanPlanner.summary(plan);
  }

  @Override
  protected List<UpgradeStep> steps() {
    String noPausedCaches =
        "not needed: a write through the target reaches the source for every cache";
    String noLongPause =
        "not needed: writes are paused only for the catch-up pass before switch-traffic";
    return List.of(
        work(InfinispanSteps.DEPLOY_TARGET, targetGrid::deploy)
            .undoneBy("target removed", targetGrid::remove),
        work(InfinispanSteps.CREATE_CACHES, targetGrid::createCaches),
        work(InfinispanSteps.CONNECT_SOURCE, targetGrid::connectSource),
        work(InfinispanSteps.PROBE_WRITE_THROUGH, data::probeWriteThrough),
        // PAUSE_WRITES, upgrades started before issue 16 only: writes paused for the whole sync.
        gate(InfinispanSteps.GATE_WRITES_PAUSED_FOR_SYNC, InfinispanGates.WRITES_PAUSED)
            .onlyIf(this::pausedForTheWholeSync, noLongPause)
            .before(this::askToPauseWrites)
            .instruction(() -> WriteThroughRules.pauseInstruction(pausedCaches()))
            // The request to pause is answered: until the next step says more, writes stay paused.
            .after(() -> tracker.message(WriteThroughRules.whilePausedCachesMove(pausedCaches()))),
        // PAUSE_WRITES: the caches a write through the target cannot reach are copied and
        // disconnected now, while clients still write to the source. Still compensated.
        work(InfinispanSteps.SYNC_PAUSED_CACHES, data::syncPausedCaches)
            .onlyIf(this::anyPausedCache, noPausedCaches)
            .after(this::afterPausedCachesSynced),
        gate(InfinispanSteps.GATE_SWITCH_TRAFFIC, InfinispanGates.SWITCH_TRAFFIC)
            .instruction(this::switchInstruction),
        // The short pause: from this approval to the end of switch-traffic.
        gate(InfinispanSteps.GATE_WRITES_PAUSED, InfinispanGates.WRITES_PAUSED)
            .onlyIf(this::briefPause, noPausedCaches)
            .before(this::askToPauseWritesNow)
            .instruction(() -> WriteThroughRules.pauseNowInstruction(pausedCaches()))
            .after(this::writesPaused),
        work(InfinispanSteps.CATCH_UP_PAUSED_CACHES, data::catchUpPausedCaches)
            .onlyIf(this::briefPause, noPausedCaches),
        // With caches moved under paused writes, switch-traffic is the point of no return: writes
        // to them resume on the target only, and switching back would lose them.
        work(InfinispanSteps.SWITCH_TRAFFIC, traffic::switchToTarget)
            .undoneBy("traffic back on the source", traffic::switchBackToSource)
            .pointOfNoReturnIf(InfinispanSteps.SWITCH_TRAFFIC, this::anyPausedCache)
            .after(this::resumeWrites),
        work(InfinispanSteps.SYNC_DATA, data::syncData),
        work(InfinispanSteps.VERIFY_SYNC, data::verifySync),
        // From here writes live only on the target (if switch-traffic did not already pass it).
        gate(InfinispanSteps.GATE_CUTOVER, InfinispanGates.CUTOVER)
            .pointOfNoReturn(InfinispanGates.CUTOVER),
        work(InfinispanSteps.DISCONNECT_SOURCE, targetGrid::disconnectSource),
        work(InfinispanSteps.VERIFY_TARGET, data::verifyTarget),
        gate(InfinispanSteps.GATE_DELETE_SOURCE, InfinispanGates.DELETE_SOURCE),
        work(InfinispanSteps.DELETE_SOURCE, targetGrid::deleteSource));
  }

  private List<String> pausedCaches() {
    return caches.writePaused();
  }

  private boolean anyPausedCache() {
    return !pausedCaches().isEmpty();
  }

  private boolean briefPause() {
    return anyPausedCache() && caches.briefPause();
  }

  private boolean pausedForTheWholeSync() {
    return anyPausedCache() && !caches.briefPause();
  }

  private void afterPausedCachesSynced() {
    tracker.message(
        caches.briefPause()
            ? WriteThroughRules.syncedWhileWriting(pausedCaches())
            : WriteThroughRules.keepPaused(pausedCaches()));
  }

  private String switchInstruction() {
    if (!anyPausedCache()) {
      return null;
    }
    return caches.briefPause()
        ? WriteThroughRules.pauseComesNext(pausedCaches())
        : WriteThroughRules.keepPaused(pausedCaches());
  }

  private void askToPauseWritesNow() {
    tracker.message(WriteThroughRules.pauseNowRequest(pausedCaches()));
    log.warn("caches {} need client writes paused now: {}", pausedCaches(), tracker.message());
  }

  /** The write pause starts at this approval (workflow time, so it replays the same). */
  private void writesPaused() {
    writesPausedAt = Workflow.currentTimeMillis();
    tracker.message(WriteThroughRules.whileCatchingUp(pausedCaches()));
  }

  private void askToPauseWrites() {
    tracker.message(WriteThroughRules.pauseRequest(pausedCaches()));
    log.warn("caches {} need client writes paused: {}", pausedCaches(), tracker.message());
  }

  private void resumeWrites() {
    if (writesPausedAt != null) {
      long paused = Workflow.currentTimeMillis() - writesPausedAt;
      for (String cache : pausedCaches()) {
        caches.writePause(cache, paused);
      }
      log.info("client writes to caches {} were paused for {} ms", pausedCaches(), paused);
    }
    if (anyPausedCache()) {
      tracker.message(WriteThroughRules.resumeNow(pausedCaches()));
      log.info("{}", tracker.message());
    }
  }

  /**
   * The source grid and, once planned, the target beside it (an Event skips it until it exists).
   */
  @Override
  protected List<String> eventWorkloads(String grid) {
    return plan == null ? List.of(grid) : List.of(grid, plan.targetGrid());
  }

  @Override
  protected String completed() {
    return outcomes.completed();
  }

  @Override
  protected String whereThingsStand() {
    return outcomes.whereThingsStand(pointOfNoReturn());
  }

  @Override
  protected String compensated() {
    return outcomes.compensated();
  }

  @Override
  protected String compensationFailed(String errors) {
    return outcomes.compensationFailed(errors);
  }

  /**
   * Past the point of no return a person decides at gate retry, which never ends the upgrade on its
   * own (there is nothing left to undo): it reminds again every cutover-timeout period.
   */
  @Override
  protected FailureQuestion.Gate questionGate() {
    return new FailureQuestion.Gate(
        Gatekeeper.RETRY_GATE,
        new GatePolicy(
            GatePolicy.Approval.REQUIRED,
            request.gates().get(InfinispanGates.CUTOVER).timeout(),
            GatePolicy.TimeoutAction.KEEP_WAITING));
  }

  @Override
  protected UpgradeDetails details() {
    return new InfinispanDetails(plan, caches.all(), caches.writePaused());
  }
}
