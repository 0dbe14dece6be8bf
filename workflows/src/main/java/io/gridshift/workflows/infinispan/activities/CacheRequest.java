package io.gridshift.workflows.infinispan.activities;

/**
 * One cache on a pair of grids.
 *
 * @param source the source grid
 * @param target the target grid
 * @param cache cache name
 */
public record CacheRequest(GridEndpoint source, GridEndpoint target, String cache) {}
