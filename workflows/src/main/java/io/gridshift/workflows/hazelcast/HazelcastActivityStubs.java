package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.common.ActivityOptionsProfiles;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.temporal.workflow.Workflow;

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
    var quick = ActivityOptionsProfiles.shortCalls(cluster.taskQueue());
    var waits = ActivityOptionsProfiles.longWaits(cluster.taskQueue());
    return new HazelcastActivityStubs(
        Workflow.newActivityStub(HazelcastActivities.class, quick),
        Workflow.newActivityStub(HazelcastActivities.class, waits),
        Workflow.newActivityStub(KubernetesActivities.class, quick),
        Workflow.newActivityStub(
            HazelcastActivities.class, ActivityOptionsProfiles.firstContact(cluster.taskQueue())));
  }
}
