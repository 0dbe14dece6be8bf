package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.BoundedParallel;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.UpgradeMetrics;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.WorkflowChanges;
import io.gridshift.workflows.infinispan.activities.CatchUpRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpResult;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The caches' data on its way from source to target, and the checks that none is lost: the steps
 * probe-write-through, sync-paused-caches, catch-up-paused-caches, sync-data, verify-sync and
 * verify-target. Like {@link TargetGrid} each only calls activities and records progress, and may
 * run again from its start.
 *
 * <p>Caches whose write-through probe failed (with {@code "protostream": "PAUSE_WRITES"}) are
 * synced and disconnected by sync-paused-caches while clients still write, and caught up with
 * writes paused by catch-up-paused-caches, before traffic moves (before issue 16: synced, verified
 * and disconnected with writes paused); sync-data and verify-sync then handle only the others
 * ({@link CacheBook#syncedAfterSwitch()}), while verify-target checks them all.
 */
final class CacheData {
  private final InfinispanUpgradeRequest request;
  private final InfinispanActivityStubs act;
  private final StepTracker tracker;
  private final CacheBook caches;
  private final GridAddresses grids;
  private final UpgradeMetrics metrics;

  CacheData(
      InfinispanUpgradeRequest request,
      InfinispanPlan plan,
      InfinispanActivityStubs act,
      StepTracker tracker,
      CacheBook caches,
      UpgradeMetrics metrics) {
    this.metrics = metrics;
    this.request = request;
    this.act = act;
    this.tracker = tracker;
    this.caches = caches;
    this.grids = new GridAddresses(request, plan);
  }

  /**
   * probe-write-through: writes a probe entry through each target cache and checks it reaches the
   * source. When one does not, {@link WriteThroughRules} decides: stop before any traffic moves, or
   * (PAUSE_WRITES) mark those caches for {@link #syncPausedCaches()}.
   */
  void probeWriteThrough() {
    List<String> names = caches.names();
    List<ProbeResult> results =
        PerCache.map(
            names,
            cache -> {
              ProbeResult r = act.data().probeWriteThrough(grids.cache(cache));
              caches.state(cache, r.passed() ? CacheBook.PROBED : CacheBook.FAILED);
              return r;
            });
    Map<String, String> failures = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (!results.get(i).passed()) {
        failures.put(names.get(i), results.get(i).detail());
      }
    }
    Optional<UpgradeStop> refusal = WriteThroughRules.refusal(request, failures);
    if (refusal.isPresent()) {
      throw refusal.get();
    }
    // Asked only when some cache pauses: upgrades without one record no marker.
    boolean briefPause =
        !failures.isEmpty()
            && Workflow.getVersion(WorkflowChanges.SHORT_WRITE_PAUSE, Workflow.DEFAULT_VERSION, 1)
                == 1;
    caches.markWritePaused(List.copyOf(failures.keySet()), briefPause);
    tracker.note(
        InfinispanSteps.PROBE_WRITE_THROUGH,
        failures.isEmpty()
            ? "a write through the target reaches the source for every cache"
            : WriteThroughRules.pausePlanned(failures, briefPause));
  }

  /**
   * sync-paused-caches. With a brief pause (issue 16): syncs each write-paused cache in bulk while
   * clients still write to the source, disconnects it (the target answers from its own memory from
   * now on; clients still read and write the source), and warms up the catch-up reader, at most
   * {@code sync.parallelCaches} at once. Writes that land on the source after a key was copied are
   * left to the catch-up pass.
   *
   * <p>Upgrades started before it: with client writes to them paused, syncs, verifies (every key,
   * around the store) and disconnects each write-paused cache, so that they are complete on the
   * target before traffic moves.
   */
  void syncPausedCaches() {
    if (caches.briefPause()) {
      bulkSyncPausedCaches();
      return;
    }
    List<String> paused = caches.writePaused();
    List<SyncResult> results =
        BoundedParallel.map(paused, request.sync().parallelCaches(), this::syncVerifyDisconnect);
    long entries = results.stream().mapToLong(SyncResult::synchronizedEntries).sum();
    tracker.note(
        InfinispanSteps.SYNC_PAUSED_CACHES,
        "synchronized " + entries + " entries, verified and disconnected caches " + paused);
  }

  private SyncResult syncVerifyDisconnect(String cache) {
    SyncResult synced = syncCache(cache);
    VerifyResult r = verifyCache(cache, true, true, request.verifySample());
    if (!r.ok()) {
      throw UpgradeStop.failed(
          FailureTypes.DATA_MISMATCH,
          InfinispanSteps.SYNC_PAUSED_CACHES
              + " found data missing on the target: "
              + describe(r)
              + "; the cache was not disconnected");
    }
    act.data().disconnectSource(grids.cache(cache));
    caches.state(cache, CacheBook.DISCONNECTED);
    return synced;
  }

  private void bulkSyncPausedCaches() {
    List<String> paused = caches.writePaused();
    List<SyncResult> results =
        BoundedParallel.map(paused, request.sync().parallelCaches(), this::syncDisconnectWarmUp);
    long entries = results.stream().mapToLong(SyncResult::synchronizedEntries).sum();
    tracker.note(
        InfinispanSteps.SYNC_PAUSED_CACHES,
        "synchronized "
            + entries
            + " entries while clients still write to the source, disconnected caches "
            + paused
            + " and warmed up their catch-up pass");
  }

  private SyncResult syncDisconnectWarmUp(String cache) {
    SyncResult synced = syncCache(cache);
    act.data().disconnectSource(grids.cache(cache));
    caches.state(cache, CacheBook.DISCONNECTED);
    // A long wait: the warm-up reads a quarter of each side, heartbeating.
    act.dataWaits().warmUpCatchUp(grids.cache(cache));
    return synced;
  }

  /**
   * catch-up-paused-caches: with client writes to them paused, makes each write-paused cache on the
   * target equal to the source (copies what differs, deletes what is gone), all caches at once: the
   * write pause lasts until switch-traffic is done, so every second counts.
   */
  void catchUpPausedCaches() {
    List<String> paused = caches.writePaused();
    List<CatchUpResult> results =
        PerCache.map(
            paused,
            cache -> {
              CatchUpResult r =
                  act.dataWaits()
                      .catchUp(
                          new CatchUpRequest(grids.cache(cache), CatchUpRequest.DEFAULT_RANGES));
              caches.caughtUp(cache, r);
              return r;
            });
    tracker.note(
        InfinispanSteps.CATCH_UP_PAUSED_CACHES,
        "caught up "
            + results.stream()
                .map(
                    r ->
                        "'"
                            + r.cache()
                            + "' ("
                            + r.copied()
                            + " copied, "
                            + r.deleted()
                            + " deleted, "
                            + r.sourceEntries()
                            + " entries, "
                            + r.millis()
                            + " ms)")
                .toList());
  }

  /**
   * sync-data: each cache not synced already, at most {@code sync.parallelCaches} at once, once
   * clients have had time to reconnect through the switched Service.
   */
  void syncData() {
    drainClients();
    List<SyncResult> results =
        BoundedParallel.map(
            caches.syncedAfterSwitch(), request.sync().parallelCaches(), this::syncCache);
    long entries = results.stream().mapToLong(SyncResult::synchronizedEntries).sum();
    tracker.note(
        InfinispanSteps.SYNC_DATA,
        "synchronized " + entries + " entries in " + results.size() + " caches" + alreadyDone());
  }

  /**
   * Gives clients time to reconnect through the switched Service before sync-data starts, so no
   * write reaches the source after sync copied its key.
   */
  private void drainClients() {
    int seconds = request.sync().clientDrainSeconds();
    if (seconds == 0) {
      return;
    }
    tracker.note(
        InfinispanSteps.SYNC_DATA,
        "waiting " + seconds + " s for clients to reconnect through the switched Service");
    Workflow.sleep(Duration.ofSeconds(seconds));
  }

  private SyncResult syncCache(String cache) {
    caches.state(cache, CacheBook.SYNCING);
    try {
      SyncResult r =
          act.dataWaits()
              .syncData(
                  new SyncRequest(
                      grids.cache(cache), request.sync().readBatch(), request.sync().threads()));
      caches.synced(cache, r);
      return r;
    } catch (TemporalFailure e) {
      caches.state(cache, CacheBook.FAILED);
      throw e;
    }
  }

  /**
   * verify-sync: compares each cache not verified already, with store reads skipped (the store
   * would hide missing entries).
   */
  void verifySync() {
    verify(
        InfinispanSteps.VERIFY_SYNC,
        caches.syncedAfterSwitch(),
        false,
        true,
        request.verifySample());
  }

  /**
   * verify-target: checks every key of each cache is on the target, now that nothing reads through
   * to the source. Values are not compared again: since disconnect-source, client writes reach only
   * the target, so the source's values are older by design (verify-sync compared them while the
   * target still wrote through to the source).
   */
  void verifyTarget() {
    verify(InfinispanSteps.VERIFY_TARGET, caches.names(), true, false, 0);
  }

  /** {@code sample}: how many keys per cache have their values compared. */
  private void verify(
      String step, List<String> names, boolean fullKeyCheck, boolean skipSourceLoad, int sample) {
    List<String> problems = new ArrayList<>();
    long entries = 0;
    List<VerifyResult> results =
        PerCache.map(names, cache -> verifyCache(cache, fullKeyCheck, skipSourceLoad, sample));
    for (VerifyResult r : results) {
      entries += r.targetEntries();
      if (!r.ok()) {
        problems.add(describe(r));
      }
    }
    if (!problems.isEmpty()) {
      throw UpgradeStop.failed(
          FailureTypes.DATA_MISMATCH,
          step + " found data missing on the target: " + String.join("; ", problems));
    }
    String done = step.equals(InfinispanSteps.VERIFY_SYNC) ? alreadyDone() : "";
    tracker.note(
        step, names.size() + " caches match (" + entries + " entries on the target)" + done);
  }

  private VerifyResult verifyCache(
      String cache, boolean fullKeyCheck, boolean skipSourceLoad, int sample) {
    VerifyResult r =
        act.dataWaits()
            .verify(new VerifyRequest(grids.cache(cache), sample, fullKeyCheck, skipSourceLoad));
    caches.verified(cache, r);
    metrics.verifyMismatches(request.cluster().cluster(), r.missingKeys() + r.differentValues());
    return r;
  }

  private static String describe(VerifyResult r) {
    return "cache '"
        + r.cache()
        + "': source "
        + r.sourceEntries()
        + " entries, target "
        + r.targetEntries()
        + ", "
        + r.missingKeys()
        + " of "
        + r.checkedKeys()
        + " checked keys missing, "
        + r.differentValues()
        + " sampled values differ"
        + (r.examples() == null || r.examples().isEmpty() ? "" : " (e.g. " + r.examples() + ")");
  }

  private String alreadyDone() {
    List<String> paused = caches.writePaused();
    return paused.isEmpty()
        ? ""
        : "; " + paused + " were done in " + InfinispanSteps.SYNC_PAUSED_CACHES;
  }
}
