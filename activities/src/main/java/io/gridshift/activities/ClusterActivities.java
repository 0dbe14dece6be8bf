package io.gridshift.activities;

import io.gridshift.activities.fleet.FleetDiscoveryActivitiesImpl;
import io.gridshift.activities.hazelcast.HazelcastActivitiesImpl;
import io.gridshift.activities.hazelcast.HazelcastBlueGreenActivitiesImpl;
import io.gridshift.activities.infinispan.InfinispanDataActivitiesImpl;
import io.gridshift.activities.kubernetes.GridEventActivitiesImpl;
import io.gridshift.activities.kubernetes.InfinispanDeployActivitiesImpl;
import io.gridshift.activities.kubernetes.KubernetesActivitiesImpl;
import java.util.List;

/**
 * Every activity implementation a cluster's agent serves, each reaching the cluster only through
 * its {@link ClusterAccess}: the activities' side of the kinds registry. A kind with activities of
 * its own adds one line here.
 */
public final class ClusterActivities {
  private ClusterActivities() {}

  /** The implementations serving {@code cluster}'s task queue. */
  public static List<Object> of(ClusterAccess cluster) {
    return List.of(
        new KubernetesActivitiesImpl(cluster),
        new InfinispanDeployActivitiesImpl(cluster),
        new InfinispanDataActivitiesImpl(cluster),
        new HazelcastActivitiesImpl(cluster),
        new HazelcastBlueGreenActivitiesImpl(cluster),
        new FleetDiscoveryActivitiesImpl(cluster),
        new GridEventActivitiesImpl(cluster));
  }
}
