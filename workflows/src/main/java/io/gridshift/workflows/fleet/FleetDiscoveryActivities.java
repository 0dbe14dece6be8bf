package io.gridshift.workflows.fleet;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Discovery, run by a cluster's agent on {@code gridshift-cluster-<name>}: read-only, so any retry
 * is harmless.
 */
@ActivityInterface
public interface FleetDiscoveryActivities {

  /**
   * The grids of {@code kinds} in {@code namespaces} (empty lists: every kind the agent knows,
   * every namespace) of the agent's cluster {@code cluster}.
   */
  @ActivityMethod(name = "DiscoverGrids")
  ClusterInventory discover(String cluster, List<String> namespaces, List<String> kinds);
}
