package io.gridshift.workflows.infinispan.activities;

/**
 * Connects one target cache to the same cache on the source (RUNTIME mode), or checks that the
 * remote store from the configuration is connected (CONFIG mode).
 *
 * @param cache the cache on both grids
 * @param sourceHost host the target servers use to reach the source (the pinned Service's address)
 * @param sourcePort source Hot Rod port
 * @param configured true in CONFIG mode: only verify, never POST a connection
 */
public record ConnectSourceRequest(
    CacheRequest cache, String sourceHost, int sourcePort, boolean configured) {}
