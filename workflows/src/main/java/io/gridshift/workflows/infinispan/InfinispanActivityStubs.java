package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.ClusterStubs;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.InfinispanDeployActivities;

/**
 * The activity stubs of one upgrade, on the task queue of the cluster it acts on. Each interface
 * has a stub per option profile it needs: short calls, and long waits that heartbeat.
 *
 * @param deploy Kubernetes side of Infinispan (short calls)
 * @param data Infinispan REST/Hot Rod (short calls)
 * @param dataWaits Infinispan REST/Hot Rod: sync-data, verify, cluster health (long waits)
 * @param kube generic Kubernetes (short calls)
 * @param kubeWaits generic Kubernetes: rollouts (long waits)
 * @param firstContact Kubernetes side of Infinispan for the plan's first read, which fails fast
 *     when no worker serves the cluster
 */
record InfinispanActivityStubs(
    InfinispanDeployActivities deploy,
    InfinispanDataActivities data,
    InfinispanDataActivities dataWaits,
    KubernetesActivities kube,
    KubernetesActivities kubeWaits,
    InfinispanDeployActivities firstContact) {

  /** Stubs for {@code cluster}; workflow code only. */
  static InfinispanActivityStubs forCluster(ClusterRef cluster) {
    ClusterStubs on = new ClusterStubs(cluster);
    return new InfinispanActivityStubs(
        on.shortCalls(InfinispanDeployActivities.class),
        on.shortCalls(InfinispanDataActivities.class),
        on.longWaits(InfinispanDataActivities.class),
        on.shortCalls(KubernetesActivities.class),
        on.longWaits(KubernetesActivities.class),
        on.firstContact(InfinispanDeployActivities.class));
  }
}
