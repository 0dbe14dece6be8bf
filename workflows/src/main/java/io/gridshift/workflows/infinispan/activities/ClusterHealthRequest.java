package io.gridshift.workflows.infinispan.activities;

/**
 * Waits until a grid's cluster view is whole and healthy (not rebalancing).
 *
 * @param grid the grid
 * @param expectedMembers members the view must contain
 * @param timeoutSeconds give up after this long (the activity heartbeats meanwhile)
 */
public record ClusterHealthRequest(GridEndpoint grid, int expectedMembers, int timeoutSeconds) {}
