package io.gridshift.workflows.infinispan.activities;

/**
 * Runs {@code sync-data} for one cache on the target.
 *
 * @param cache the cache on both grids
 * @param readBatch read-batch parameter or null for the server default
 * @param threads threads parameter or null for the server default
 */
public record SyncRequest(CacheRequest cache, Integer readBatch, Integer threads) {}
