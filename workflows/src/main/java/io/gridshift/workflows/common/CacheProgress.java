package io.gridshift.workflows.common;

/**
 * Progress of one cache through an Infinispan upgrade.
 *
 * @param name cache name
 * @param mediaType value encoding
 * @param state PENDING, CREATED, CONNECTED, PROBED, SYNCING, SYNCED, VERIFIED, DISCONNECTED, FAILED
 * @param sourceEntries entries on the source (at plan, then at verification)
 * @param targetEntries entries on the target at the latest verification
 * @param synchronizedEntries entries sync-data reported
 * @param missingKeys keys missing on the target at the latest verification
 * @param syncMillis how long sync-data took
 * @param writePauseMs for a cache moved with a short write pause (issue 16): from the approval of
 *     gate writes-paused to the end of switch-traffic, when client writes to it may resume; null
 *     for the others (and for upgrades that paused writes for the whole sync)
 * @param catchUp that cache's catch-up pass, or null
 */
public record CacheProgress(
    String name,
    String mediaType,
    String state,
    long sourceEntries,
    long targetEntries,
    long synchronizedEntries,
    long missingKeys,
    long syncMillis,
    Long writePauseMs,
    CatchUpFigures catchUp) {

  /** Progress without write-pause figures (every cache that does not pause). */
  public CacheProgress(
      String name,
      String mediaType,
      String state,
      long sourceEntries,
      long targetEntries,
      long synchronizedEntries,
      long missingKeys,
      long syncMillis) {
    this(
        name,
        mediaType,
        state,
        sourceEntries,
        targetEntries,
        synchronizedEntries,
        missingKeys,
        syncMillis,
        null,
        null);
  }
}
