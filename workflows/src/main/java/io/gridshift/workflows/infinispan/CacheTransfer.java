package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.BoundedParallel;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of an Infinispan upgrade that move and check cache data: probe-write-through,
 * sync-paused-caches, sync-data, verify-sync and verify-target. Like {@link InfinispanMigration}
 * each only calls activities and records progress, and may run again from its start.
 *
 * <p>Caches whose write-through probe failed (with {@code "protostream": "PAUSE_WRITES"}) are
 * synced, verified and disconnected by sync-paused-caches, before traffic moves; sync-data,
 * verify-sync and disconnect-source then handle only the {@link #remainingCaches() remaining} ones,
 * while verify-target checks them all.
 */
final class CacheTransfer {
  private final InfinispanUpgradeRequest request;
  private final InfinispanPlan plan;
  private final InfinispanActivityStubs act;
  private final StepTracker tracker;
  private final CacheBook caches;

  /** Caches that failed the probe and move with client writes paused, in plan order. */
  private List<String> writePausedCaches = List.of();

  CacheTransfer(
      InfinispanUpgradeRequest request,
      InfinispanPlan plan,
      InfinispanActivityStubs act,
      StepTracker tracker,
      CacheBook caches) {
    this.request = request;
    this.plan = plan;
    this.act = act;
    this.tracker = tracker;
    this.caches = caches;
  }

  /**
   * Writes a probe entry through each target cache and checks it reaches the source. When one does
   * not, {@link WriteThroughRules} decides: stop before any traffic moves, or (PAUSE_WRITES) keep
   * those caches for {@link #syncPausedCaches()}.
   */
  void probeWriteThrough() {
    List<String> names = cacheNames();
    List<ProbeResult> results =
        PerCache.map(
            names,
            cache -> {
              ProbeResult r = act.data().probeWriteThrough(cacheRequest(cache));
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
    writePausedCaches = List.copyOf(failures.keySet());
    for (String cache : writePausedCaches) {
      caches.state(cache, CacheBook.WRITES_TO_PAUSE);
    }
    note(
        InfinispanSteps.PROBE_WRITE_THROUGH,
        failures.isEmpty()
            ? "a write through the target reaches the source for every cache"
            : WriteThroughRules.pausePlanned(failures));
  }

  /** Caches that failed the probe and move with client writes paused; empty when none did. */
  List<String> writePausedCaches() {
    return writePausedCaches;
  }

  /**
   * With client writes to them paused: syncs, verifies (every key, around the store) and
   * disconnects each write-paused cache, at most {@code sync.parallelCaches} at once, so that they
   * are complete on the target before traffic moves.
   */
  void syncPausedCaches() {
    List<SyncResult> results =
        BoundedParallel.map(
            writePausedCaches, request.sync().parallelCaches(), this::syncVerifyDisconnect);
    long entries = results.stream().mapToLong(SyncResult::synchronizedEntries).sum();
    note(
        InfinispanSteps.SYNC_PAUSED_CACHES,
        "synchronized "
            + entries
            + " entries, verified and disconnected caches "
            + writePausedCaches);
  }

  private SyncResult syncVerifyDisconnect(String cache) {
    SyncResult synced = syncCache(cache);
    VerifyResult r = verifyCache(cache, true, true, null);
    if (!r.ok()) {
      throw UpgradeStop.failed(
          FailureTypes.DATA_MISMATCH,
          InfinispanSteps.SYNC_PAUSED_CACHES
              + " found data missing on the target: "
              + describe(r)
              + "; the cache was not disconnected");
    }
    act.data().disconnectSource(cacheRequest(cache));
    caches.state(cache, CacheBook.DISCONNECTED);
    return synced;
  }

  /** sync-data per cache not synced already, at most {@code sync.parallelCaches} at once. */
  void syncData() {
    drainClients();
    List<SyncResult> results =
        BoundedParallel.map(remainingCaches(), request.sync().parallelCaches(), this::syncCache);
    long entries = results.stream().mapToLong(SyncResult::synchronizedEntries).sum();
    note(
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
    note(
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
                      cacheRequest(cache), request.sync().readBatch(), request.sync().threads()));
      caches.synced(cache, r);
      return r;
    } catch (TemporalFailure e) {
      caches.state(cache, CacheBook.FAILED);
      throw e;
    }
  }

  /**
   * Compares each cache not verified already, with store reads skipped (the store would hide
   * missing entries).
   */
  void verifySync() {
    verify(InfinispanSteps.VERIFY_SYNC, remainingCaches(), false, true, null);
  }

  /**
   * Checks every key of each cache is on the target, now that nothing reads through to the source.
   * Values are not compared again: since disconnect-source, client writes reach only the target, so
   * the source's values are older by design (verify-sync compared them while the target still wrote
   * through to the source).
   */
  void verifyTarget() {
    verify(InfinispanSteps.VERIFY_TARGET, cacheNames(), true, false, 0);
  }

  /** {@code sample}: keys whose values are compared, null for the request's verifySample. */
  private void verify(
      String step,
      List<String> names,
      boolean fullKeyCheck,
      boolean skipSourceLoad,
      Integer sample) {
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
    note(step, names.size() + " caches match (" + entries + " entries on the target)" + done);
  }

  private VerifyResult verifyCache(
      String cache, boolean fullKeyCheck, boolean skipSourceLoad, Integer sample) {
    int values = sample != null ? sample : request.verifySample();
    VerifyResult r =
        act.dataWaits()
            .verify(new VerifyRequest(cacheRequest(cache), values, fullKeyCheck, skipSourceLoad));
    caches.verified(cache, r);
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

  /** Caches still connected to the source once sync-paused-caches has run. */
  List<String> remainingCaches() {
    return cacheNames().stream().filter(c -> !writePausedCaches.contains(c)).toList();
  }

  private String alreadyDone() {
    return writePausedCaches.isEmpty()
        ? ""
        : "; " + writePausedCaches + " were done in " + InfinispanSteps.SYNC_PAUSED_CACHES;
  }

  private void note(String step, String detail) {
    tracker.note(step, detail);
  }

  private List<String> cacheNames() {
    return plan.caches().stream().map(CacheInfo::name).toList();
  }

  private ClusterRef cluster() {
    return request.cluster();
  }

  private GridEndpoint endpoint(String service) {
    return new GridEndpoint(cluster(), service, request.port(), request.credentialsSecret());
  }

  /** The source through the Service pinned to its pods (the client Service moves). */
  private GridEndpoint sourceEndpoint() {
    return endpoint(plan.sourceService());
  }

  private CacheRequest cacheRequest(String cache) {
    return new CacheRequest(sourceEndpoint(), endpoint(plan.targetGrid()), cache);
  }
}
