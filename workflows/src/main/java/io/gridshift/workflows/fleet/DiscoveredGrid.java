package io.gridshift.workflows.fleet;

import java.util.Map;

/**
 * A grid an agent found in its cluster.
 *
 * @param id where it is and its kind
 * @param version the version it runs, as the agent read it (image tag), or null when unknown
 * @param labels its workload's labels (what stage and fleet selectors match)
 */
public record DiscoveredGrid(FleetSpec.GridId id, String version, Map<String, String> labels) {}
