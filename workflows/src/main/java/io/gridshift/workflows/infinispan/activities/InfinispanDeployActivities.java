package io.gridshift.workflows.infinispan.activities;

import io.gridshift.workflows.common.ClusterRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Kubernetes side of an Infinispan upgrade (fabric8). Every method is idempotent: a retry converges
 * on the same state. Runs on the task queue of the cluster it acts on.
 */
@ActivityInterface(namePrefix = "InfinispanDeploy.")
public interface InfinispanDeployActivities {

  /**
   * Reads the source StatefulSet, its client Service and Route. Changes nothing.
   *
   * @throws io.temporal.failure.ApplicationFailure type {@code GridNotFound} when the StatefulSet
   *     does not exist, {@code InvalidRequest} when its image has no version tag or the
   *     Service/Route is missing
   */
  @ActivityMethod
  SourceGrid inspectSource(InspectSourceRequest request);

  /** Creates (or converges) the target grid and the Service pinned to the source. */
  @ActivityMethod
  void deployTarget(DeployTargetRequest request);

  /**
   * Returns the address pods use to reach {@code service}: its cluster IP (as the seed runbook
   * does).
   */
  @ActivityMethod
  String serviceHost(ClusterRef cluster, String service);

  /**
   * CONFIG mode disconnect, part 1: rewrites the target's ConfigMap without its remote stores. The
   * pods pick it up when they restart (the workflow rolls them one by one).
   */
  @ActivityMethod
  void removeRemoteStores(ClusterRef cluster, String targetGrid);

  /** Deletes a grid's StatefulSet, ConfigMap and the listed Services; already gone is fine. */
  @ActivityMethod
  void deleteGrid(DeleteGridRequest request);
}
