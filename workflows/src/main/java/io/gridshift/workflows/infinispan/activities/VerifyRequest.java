package io.gridshift.workflows.infinispan.activities;

/**
 * Compares one cache on source and target.
 *
 * @param cache the cache on both grids
 * @param sample keys compared value by value (spread over the key set)
 * @param fullKeyCheck when true, every source key is looked up on the target (the final check)
 * @param skipSourceLoad when true, target reads do not fall through to the source (the remote store
 *     is still connected and would otherwise hide missing entries)
 */
public record VerifyRequest(
    CacheRequest cache, int sample, boolean fullKeyCheck, boolean skipSourceLoad) {}
