package io.gridshift.workflows.infinispan.activities;

/**
 * Outcome of a catch-up pass over one cache.
 *
 * @param cache cache name
 * @param sourceEntries entries read from the source
 * @param targetEntries entries read from the target, before the pass changed it
 * @param copied entries put on the target (missing there or with other bytes)
 * @param deleted entries removed from the target (gone from the source)
 * @param millis how long the pass took, reads, diff and writes
 */
public record CatchUpResult(
    String cache, long sourceEntries, long targetEntries, long copied, long deleted, long millis) {}
