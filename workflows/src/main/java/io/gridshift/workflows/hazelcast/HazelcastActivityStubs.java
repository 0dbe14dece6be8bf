package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.ClusterStubs;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;

/**
 * The activity stubs of one Hazelcast upgrade, on the task queue of the cluster it acts on.
 *
 * @param hz Hazelcast side (short calls: inspect, snapshot, map sizes, safe settings)
 * @param hzWaits Hazelcast side: waitUntilSafe (long waits that heartbeat)
 * @param kube generic Kubernetes: partition, pod template, rollout status (short calls)
 * @param firstContact Hazelcast side for the plan's first read, which fails fast when no worker
 *     serves the cluster
 */
record HazelcastActivityStubs(
    HazelcastActivities hz,
    HazelcastActivities hzWaits,
    KubernetesActivities kube,
    HazelcastActivities firstContact) {

  /** Stubs for {@code cluster}; workflow code only. */
  static HazelcastActivityStubs forCluster(ClusterRef cluster) {
    ClusterStubs on = new ClusterStubs(cluster);
    return new HazelcastActivityStubs(
        on.shortCalls(HazelcastActivities.class),
        on.longWaits(HazelcastActivities.class),
        on.shortCalls(KubernetesActivities.class),
        on.firstContact(HazelcastActivities.class));
  }
}
