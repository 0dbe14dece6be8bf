package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.CatchUpFigures;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CatchUpResult;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-cache progress of an Infinispan upgrade, as {@code status()} shows it, and which caches move
 * with client writes paused: the steps, the workflow and its end messages all read that here, so
 * they agree on which caches each step handles.
 */
final class CacheBook {
  static final String PENDING = "PENDING";
  static final String CREATED = "CREATED";
  static final String CONNECTED = "CONNECTED";
  static final String PROBED = "PROBED";

  /** The probe failed; the cache moves with client writes paused (protostream PAUSE_WRITES). */
  static final String WRITES_TO_PAUSE = "WRITES_TO_PAUSE";

  static final String SYNCING = "SYNCING";
  static final String SYNCED = "SYNCED";
  static final String VERIFIED = "VERIFIED";
  static final String DISCONNECTED = "DISCONNECTED";

  /** The catch-up pass made the disconnected target equal to the source (short write pause). */
  static final String CAUGHT_UP = "CAUGHT_UP";

  static final String FAILED = "FAILED";

  private final Map<String, CacheProgress> caches = new LinkedHashMap<>();

  /** Caches that failed the probe and move with client writes paused, in plan order. */
  private List<String> writePaused = List.of();

  /**
   * Whether those caches pause writes only for a catch-up pass before switch-traffic (issue 16),
   * rather than for their whole sync (upgrades started before it).
   */
  private boolean briefPause;

  /** Starts tracking the plan's caches, PENDING, with the source's entry counts. */
  void planned(List<CacheInfo> planned) {
    for (CacheInfo c : planned) {
      caches.put(
          c.name(), new CacheProgress(c.name(), c.mediaType(), PENDING, c.entries(), 0, 0, 0, 0));
    }
  }

  /** Every planned cache's name, in plan order. */
  List<String> names() {
    return List.copyOf(caches.keySet());
  }

  /**
   * Records the caches that failed the write-through probe and move with client writes paused
   * (state {@link #WRITES_TO_PAUSE}), in plan order.
   */
  void markWritePaused(List<String> failed, boolean briefPause) {
    this.briefPause = briefPause;
    writePaused = List.copyOf(failed);
    for (String cache : writePaused) {
      state(cache, WRITES_TO_PAUSE);
    }
  }

  /**
   * The caches that move with client writes paused, before traffic does (sync-paused-caches syncs,
   * verifies and disconnects them); empty when every cache passed the probe.
   */
  List<String> writePaused() {
    return writePaused;
  }

  /**
   * Whether the write-paused caches pause only for their catch-up pass (see {@link #briefPause}).
   */
  boolean briefPause() {
    return briefPause;
  }

  /**
   * The other caches, in plan order: they move the usual way, after switch-traffic (sync-data,
   * verify-sync and disconnect-source handle only these).
   */
  List<String> syncedAfterSwitch() {
    return names().stream().filter(c -> !writePaused.contains(c)).toList();
  }

  /** Moves {@code cache} to {@code state}. */
  void state(String cache, String state) {
    CacheProgress p = caches.get(cache);
    put(p, state, p.sourceEntries(), p.targetEntries(), p.synchronizedEntries(), p.missingKeys());
  }

  /** Records a finished sync-data. */
  void synced(String cache, SyncResult r) {
    CacheProgress p = caches.get(cache);
    caches.put(
        cache,
        new CacheProgress(
            p.name(),
            p.mediaType(),
            SYNCED,
            p.sourceEntries(),
            p.targetEntries(),
            r.synchronizedEntries(),
            p.missingKeys(),
            r.millis(),
            p.writePauseMs(),
            p.catchUp()));
  }

  /** Records a verification: VERIFIED when it passed, FAILED otherwise. */
  void verified(String cache, VerifyResult r) {
    CacheProgress p = caches.get(cache);
    put(
        p,
        r.ok() ? VERIFIED : FAILED,
        r.sourceEntries(),
        r.targetEntries(),
        p.synchronizedEntries(),
        r.missingKeys());
  }

  /** Records a finished catch-up pass: the target now holds the source's entries. */
  void caughtUp(String cache, CatchUpResult r) {
    CacheProgress p = caches.get(cache);
    caches.put(
        cache,
        new CacheProgress(
            p.name(),
            p.mediaType(),
            CAUGHT_UP,
            r.sourceEntries(),
            r.sourceEntries(),
            p.synchronizedEntries(),
            p.missingKeys(),
            p.syncMillis(),
            p.writePauseMs(),
            new CatchUpFigures(r.copied(), r.deleted(), r.millis())));
  }

  /** Records how long client writes to {@code cache} were paused. */
  void writePause(String cache, long millis) {
    CacheProgress p = caches.get(cache);
    caches.put(
        cache,
        new CacheProgress(
            p.name(),
            p.mediaType(),
            p.state(),
            p.sourceEntries(),
            p.targetEntries(),
            p.synchronizedEntries(),
            p.missingKeys(),
            p.syncMillis(),
            millis,
            p.catchUp()));
  }

  private void put(
      CacheProgress p,
      String state,
      long sourceEntries,
      long targetEntries,
      long synchronizedEntries,
      long missingKeys) {
    caches.put(
        p.name(),
        new CacheProgress(
            p.name(),
            p.mediaType(),
            state,
            sourceEntries,
            targetEntries,
            synchronizedEntries,
            missingKeys,
            p.syncMillis(),
            p.writePauseMs(),
            p.catchUp()));
  }

  /** Every cache in plan order (a copy). */
  List<CacheProgress> all() {
    return new ArrayList<>(caches.values());
  }
}
