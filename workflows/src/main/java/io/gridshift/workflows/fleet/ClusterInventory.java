package io.gridshift.workflows.fleet;

import java.util.List;

/**
 * What one cluster's agent answered to discovery.
 *
 * @param cluster the cluster
 * @param agent the answering agent's identity (as its worker identity: {@code pid@host})
 * @param grids the grids of the kinds and namespaces asked for
 */
public record ClusterInventory(String cluster, String agent, List<DiscoveredGrid> grids) {}
