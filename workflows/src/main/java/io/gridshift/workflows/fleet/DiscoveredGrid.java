package io.gridshift.workflows.fleet;

import java.util.Map;

/**
 * A grid an agent found in its cluster.
 *
 * @param id where it is and its kind
 * @param version the version it runs, as the agent read it (image tag), or null when unknown
 * @param labels its workload's labels (what stage and fleet selectors match)
 * @param ready whether every desired replica is ready (what a fleet's bake re-checks), or null when
 *     not read
 */
public record DiscoveredGrid(
    FleetSpec.GridId id, String version, Map<String, String> labels, Boolean ready) {

  /** A grid whose readiness was not read. */
  public DiscoveredGrid(FleetSpec.GridId id, String version, Map<String, String> labels) {
    this(id, version, labels, null);
  }
}
