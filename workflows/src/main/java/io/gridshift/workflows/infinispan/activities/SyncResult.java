package io.gridshift.workflows.infinispan.activities;

/**
 * Outcome of {@code sync-data} for one cache.
 *
 * @param cache cache name
 * @param synchronizedEntries entries the server reports as synchronized
 * @param millis how long sync-data took
 */
public record SyncResult(String cache, long synchronizedEntries, long millis) {}
