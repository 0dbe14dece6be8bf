package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;

/**
 * How the steps of a planned upgrade address the grids, built from the request and the plan so that
 * every step reaches the same servers the same way. The source is always reached through the
 * Service pinned to its pods: the client Service moves to the target at switch-traffic.
 */
final class GridAddresses {
  private final InfinispanUpgradeRequest request;
  private final InfinispanPlan plan;

  GridAddresses(InfinispanUpgradeRequest request, InfinispanPlan plan) {
    this.request = request;
    this.plan = plan;
  }

  /** The grid clients use, through the client Service (the source until switch-traffic). */
  GridEndpoint client() {
    return endpoint(request.service());
  }

  /** The source, through the Service pinned to its pods (created by deploy-target). */
  GridEndpoint source() {
    return endpoint(plan.sourceService());
  }

  /** The target, through its own Service. */
  GridEndpoint target() {
    return endpoint(plan.targetGrid());
  }

  /** One cache on the source and on the target. */
  CacheRequest cache(String cache) {
    return new CacheRequest(source(), target(), cache);
  }

  /** The target's workload: the same kind as the source's (StatefulSet or DeploymentConfig). */
  WorkloadRef targetWorkload() {
    return new WorkloadRef(request.cluster(), plan.source().kind(), plan.targetGrid());
  }

  private GridEndpoint endpoint(String service) {
    return new GridEndpoint(
        request.cluster(),
        service,
        request.port(),
        request.credentialsSecret(),
        request.tlsSecret());
  }
}
