package io.gridshift.workflows.infinispan;

/**
 * What the upgrade does with caches whose write-through probe fails: on caches encoded {@code
 * application/x-protostream}, a write sent to a 15.x target while it is connected to its 14.x
 * source fails inside the remote store (whatever the store's settings), so a client writing through
 * the target would lose the write. Deletes pass through. Caches whose probe passes are migrated the
 * usual way in both modes.
 */
public enum ProtostreamHandling {
  /**
   * The default: {@code probe-write-through} stops the upgrade before any traffic moves and the
   * target is removed. Nothing is lost and nobody has to act on the clients.
   */
  REFUSE,
  /**
   * Migrate those caches with a short pause of client writes to them (reads continue): {@code
   * sync-paused-caches} syncs them in bulk while clients still write to the source and disconnects
   * them; right before switch-traffic the gate {@code writes-paused} asks a person to pause the
   * writes (nothing to do when no client writes to them); once approved, {@code
   * catch-up-paused-caches} copies what changed since the bulk sync (raw bytes, deletes too) and
   * traffic switches. The pause, from that approval to the end of switch-traffic, is reported per
   * cache as {@code writePauseMs}. Client writes resume once {@code switch-traffic} has completed,
   * on the target only: from then on switching traffic back would lose them, so {@code
   * switch-traffic} is the point of no return (failures afterwards wait for a person, nothing is
   * rolled back). Needs connectionMode {@code RUNTIME}: in CONFIG mode caches cannot be
   * disconnected one by one.
   */
  PAUSE_WRITES
}
