package io.gridshift.workflows.infinispan.activities;

/**
 * A grid's cluster health as the server reports it.
 *
 * @param status HEALTHY, HEALTHY_REBALANCING, DEGRADED, ...
 * @param members number of nodes in the view
 */
public record ClusterHealth(String status, int members) {}
