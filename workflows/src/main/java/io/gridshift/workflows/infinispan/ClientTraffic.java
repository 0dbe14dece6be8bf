package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.activities.RouteRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.common.ClaimKeeper;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.util.Map;

/**
 * Which grid clients reach: the client Service's selector (and the Route's target Service, when the
 * request names a Route). Step switch-traffic points them at the target; its compensation points
 * them back at the source exactly as the plan found them. Both writes converge, so either may run
 * again.
 */
final class ClientTraffic {
  private final InfinispanUpgradeRequest request;
  private final InfinispanPlan plan;
  private final InfinispanActivityStubs act;
  private final StepTracker tracker;
  private final ClaimKeeper claims;

  ClientTraffic(
      InfinispanUpgradeRequest request,
      InfinispanPlan plan,
      InfinispanActivityStubs act,
      StepTracker tracker,
      ClaimKeeper claims) {
    this.request = request;
    this.plan = plan;
    this.act = act;
    this.tracker = tracker;
    this.claims = claims;
  }

  /** switch-traffic: points the client Service (and Route) at the target pods. */
  void switchToTarget() {
    act.kube()
        .setServiceSelector(
            new ServiceSelectorRequest(
                request.cluster(),
                request.service(),
                Map.of(InfinispanConventions.GRID_LABEL, plan.targetGrid()),
                claims.id()));
    if (request.route() != null) {
      act.kube()
          .setRouteService(
              new RouteRequest(request.cluster(), request.route(), plan.targetGrid(), claims.id()));
    }
    tracker.note(
        InfinispanSteps.SWITCH_TRAFFIC,
        "Service " + request.service() + " selects the target " + plan.targetGrid());
  }

  /** Compensation of switch-traffic: the exact selector (and Route target) found at plan time. */
  void switchBackToSource() {
    act.kube()
        .setServiceSelector(
            new ServiceSelectorRequest(
                request.cluster(),
                request.service(),
                plan.source().serviceSelector(),
                claims.id()));
    if (request.route() != null && plan.source().routeService() != null) {
      act.kube()
          .setRouteService(
              new RouteRequest(
                  request.cluster(), request.route(), plan.source().routeService(), claims.id()));
    }
  }
}
