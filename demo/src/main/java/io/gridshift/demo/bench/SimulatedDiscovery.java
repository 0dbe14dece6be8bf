package io.gridshift.demo.bench;

import io.gridshift.workflows.fleet.ClusterInventory;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetDiscoveryActivities;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.hazelcast.HazelcastKind;
import java.util.List;
import java.util.Map;

/**
 * Discovery on one simulated cluster: its grids of the {@link SimulatedFleet} in the fleet's
 * namespace, each on the version the simulated activities report for its kind.
 */
final class SimulatedDiscovery implements FleetDiscoveryActivities {
  private final SimulatedFleet fleet;
  private final String cluster;
  private final String agent;

  SimulatedDiscovery(SimulatedFleet fleet, String cluster, String agent) {
    this.fleet = fleet;
    this.cluster = cluster;
    this.agent = agent;
  }

  @Override
  public ClusterInventory discover(String asked, List<String> namespaces, List<String> kinds) {
    if (!cluster.equals(asked)) {
      throw new IllegalArgumentException(
          "this agent serves cluster " + cluster + ", not " + asked + "; check the task queue");
    }
    List<DiscoveredGrid> grids =
        fleet.gridsOf(cluster, SimulatedFleet.FLEET_NAMESPACE).stream()
            .filter(
                g ->
                    namespaces == null
                        || namespaces.isEmpty()
                        || namespaces.contains(g.namespace()))
            .filter(g -> kinds == null || kinds.isEmpty() || kinds.contains(g.kind()))
            .map(g -> new DiscoveredGrid(g, versionOf(g), Map.of("app", g.name())))
            .toList();
    return new ClusterInventory(cluster, agent, grids);
  }

  private static String versionOf(GridId grid) {
    return grid.kind().equals(HazelcastKind.NAME)
        ? SimulatedHazelcast.VERSION
        : SimulatedInfinispan.VERSION;
  }
}
