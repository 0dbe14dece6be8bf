package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.RouteRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClaimKeeper;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.WorkflowClock;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ClusterHealthRequest;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.RemoteStoreConfigRequest;
import java.util.List;
import java.util.Map;

/**
 * The mechanism of an Infinispan upgrade once it is planned: one method per step (and per
 * compensation), each only calling activities and recording progress. Ordering, gates and
 * compensation live in {@link InfinispanUpgradeWorkflowImpl}. Every method may run again from its
 * start (the retry gate), so each relies on idempotent activities and keeps values it must reuse.
 */
final class InfinispanMigration {
  /** How long the target's cluster view may take to become whole and healthy. */
  static final int HEALTH_TIMEOUT_SECONDS = 600;

  /** Stays below the long-wait profile's 30-minute start-to-close. */
  private static final int MAX_WAIT_SECONDS = 1500;

  private final InfinispanUpgradeRequest request;
  private final InfinispanPlan plan;
  private final InfinispanActivityStubs act;
  private final StepTracker tracker;
  private final CacheBook caches;
  private final CacheTransfer transfer;
  private final ClaimKeeper claims;
  private String sourceHost;
  private String restartedAt;

  InfinispanMigration(
      InfinispanUpgradeRequest request,
      InfinispanPlan plan,
      InfinispanActivityStubs act,
      StepTracker tracker,
      CacheBook caches,
      CacheTransfer transfer,
      ClaimKeeper claims) {
    this.request = request;
    this.plan = plan;
    this.act = act;
    this.tracker = tracker;
    this.caches = caches;
    this.transfer = transfer;
    this.claims = claims;
  }

  /**
   * Deploys the target (and the Service pinned to the source), then waits for its rollout and a
   * whole cluster view. CONFIG mode renders the caches with remote stores first; their host is
   * {@link InfinispanConventions#SOURCE_HOST_PLACEHOLDER}, resolved by the deploy activity.
   */
  void deployTarget() {
    List<String> storeCaches = List.of();
    String xml = null;
    if (plan.connectionMode() == ConnectionMode.CONFIG) {
      storeCaches = cacheNames();
      // The pinned Service does not exist yet: read the definitions through the client Service.
      GridEndpoint client = endpoint(request.service());
      xml =
          act.data()
              .renderRemoteStoreConfigs(
                  new RemoteStoreConfigRequest(
                      client,
                      storeCaches,
                      InfinispanConventions.SOURCE_HOST_PLACEHOLDER,
                      request.port()));
    }
    act.deploy()
        .deployTarget(
            new DeployTargetRequest(
                cluster(),
                plan.source().name(),
                plan.targetGrid(),
                plan.sourceService(),
                plan.targetImage(),
                plan.minReadySeconds(),
                request.port(),
                storeCaches,
                xml,
                request.credentialsSecret(),
                claims.id()));
    waitForTarget(
        Math.min(MAX_WAIT_SECONDS, 300 + plan.replicas() * (plan.minReadySeconds() + 120)));
    note(
        InfinispanSteps.DEPLOY_TARGET,
        "target " + plan.targetGrid() + " ready: " + plan.replicas() + " pods, cluster view whole");
  }

  /** Compensation of deploy-target: deletes the target and the Service pinned to the source. */
  void removeTarget() {
    act.deploy()
        .deleteGrid(
            new DeleteGridRequest(
                cluster(),
                plan.targetGrid(),
                List.of(plan.targetGrid(), plan.sourceService()),
                true,
                claims.id()));
  }

  /**
   * Copies internal caches (schemas first), then creates every user cache the target lacks. In
   * RUNTIME mode the user caches are left to connect-source, which creates each one with its remote
   * store in one go: creating it here first meant connect-source had to delete the empty cache and
   * create it again (a connection to a cache with no store yet needs that), two cluster-wide cache
   * starts per cache instead of one.
   */
  void createCaches() {
    act.data().copyInternalCaches(sourceEndpoint(), targetEndpoint());
    if (plan.connectionMode() == ConnectionMode.RUNTIME) {
      note(
          InfinispanSteps.CREATE_CACHES,
          "internal caches copied; connect-source creates the "
              + cacheNames().size()
              + " caches already connected to the source");
      return;
    }
    PerCache.forEach(
        cacheNames(),
        cache -> {
          // Idempotent: in CONFIG mode the caches already exist from the configuration.
          act.data().createCache(cacheRequest(cache));
          caches.state(cache, CacheBook.CREATED);
        });
    note(InfinispanSteps.CREATE_CACHES, cacheNames().size() + " caches on the target");
  }

  /** Connects each target cache to its source cache (CONFIG mode: checks the configured store). */
  void connectSource() {
    if (sourceHost == null) {
      sourceHost = act.deploy().serviceHost(cluster(), plan.sourceService());
    }
    boolean configured = plan.connectionMode() == ConnectionMode.CONFIG;
    String host = sourceHost;
    PerCache.forEach(
        cacheNames(),
        cache -> {
          act.data()
              .connectSource(
                  new ConnectSourceRequest(cacheRequest(cache), host, request.port(), configured));
          caches.state(cache, CacheBook.CONNECTED);
        });
    note(InfinispanSteps.CONNECT_SOURCE, "caches read through to the source at " + sourceHost);
  }

  /** Points the client Service (and Route) at the target pods. */
  void switchTraffic() {
    act.kube()
        .setServiceSelector(
            new ServiceSelectorRequest(
                cluster(),
                request.service(),
                Map.of(InfinispanConventions.GRID_LABEL, plan.targetGrid()),
                claims.id()));
    if (request.route() != null) {
      act.kube()
          .setRouteService(
              new RouteRequest(cluster(), request.route(), plan.targetGrid(), claims.id()));
    }
    note(
        InfinispanSteps.SWITCH_TRAFFIC,
        "Service " + request.service() + " selects the target " + plan.targetGrid());
  }

  /** Compensation of switch-traffic: the exact selector (and Route target) found at plan time. */
  void restoreTraffic() {
    act.kube()
        .setServiceSelector(
            new ServiceSelectorRequest(
                cluster(), request.service(), plan.source().serviceSelector(), claims.id()));
    if (request.route() != null && plan.source().routeService() != null) {
      act.kube()
          .setRouteService(
              new RouteRequest(
                  cluster(), request.route(), plan.source().routeService(), claims.id()));
    }
  }

  /**
   * Disconnects each cache still connected: REST in RUNTIME mode; in CONFIG (which never has
   * write-paused caches: they need RUNTIME) the configuration without remote stores and a
   * pod-by-pod roll first, then the same per-cache disconnect (a no-op without a store), which also
   * removes a write probe a failed probe left on the target.
   */
  void disconnectSource() {
    List<String> remaining = transfer.remainingCaches();
    if (plan.connectionMode() == ConnectionMode.CONFIG) {
      act.deploy().removeRemoteStores(cluster(), plan.targetGrid());
      rollTargetPodByPod();
    }
    for (String cache : remaining) {
      act.data().disconnectSource(cacheRequest(cache));
    }
    for (String cache : remaining) {
      caches.state(cache, CacheBook.DISCONNECTED);
    }
    if (remaining.size() < plan.caches().size()) {
      note(
          InfinispanSteps.DISCONNECT_SOURCE,
          "disconnected caches "
              + remaining
              + "; the others were disconnected in "
              + InfinispanSteps.SYNC_PAUSED_CACHES);
    }
  }

  /**
   * Restarts the target one pod at a time, highest ordinal first, so each pod loads the
   * configuration without remote stores while the others keep the data: hold every pod with the
   * partition, change the template once, then lower the partition pod by pod, waiting for the
   * rollout (minReadySeconds included) and a whole cluster view between pods.
   */
  private void rollTargetPodByPod() {
    if (restartedAt == null) {
      restartedAt = WorkflowClock.now(); // kept, so a retried step patches the same value
    }
    WorkloadRef target = targetWorkload();
    act.kube().setPartition(new PartitionRequest(target, plan.replicas(), claims.id()));
    act.kube()
        .patchPodTemplate(
            new PodTemplatePatch(
                target,
                null,
                null,
                Map.of(InfinispanConventions.RESTARTED_AT_ANNOTATION, restartedAt),
                claims.id()));
    for (int ordinal = plan.replicas() - 1; ordinal >= 0; ordinal--) {
      act.kube().setPartition(new PartitionRequest(target, ordinal, claims.id()));
      waitForTarget(Math.min(MAX_WAIT_SECONDS, 300 + plan.minReadySeconds() + 120));
      note(
          InfinispanSteps.DISCONNECT_SOURCE,
          "restarted " + plan.targetGrid() + "-" + ordinal + " without remote stores");
    }
  }

  /** Deletes the source grid and the Service pinned to it (never the client Service). */
  void deleteSource() {
    act.deploy()
        .deleteGrid(
            new DeleteGridRequest(
                cluster(), plan.source().name(), List.of(plan.sourceService()), true, claims.id()));
    note(
        InfinispanSteps.DELETE_SOURCE,
        "deleted StatefulSet "
            + plan.source().name()
            + ", its ConfigMap and Service "
            + plan.sourceService()
            + " (PersistentVolumeClaims are kept: delete them by hand once you no longer need them)");
  }

  private void waitForTarget(int rolloutSeconds) {
    act.kubeWaits().waitForRollout(new RolloutRequest(targetWorkload(), rolloutSeconds));
    act.dataWaits()
        .waitForClusterHealth(
            new ClusterHealthRequest(targetEndpoint(), plan.replicas(), HEALTH_TIMEOUT_SECONDS));
  }

  private void note(String step, String detail) {
    tracker.note(step, detail);
  }

  private List<String> cacheNames() {
    return plan.caches().stream().map(CacheInfo::name).toList();
  }

  private ClusterRef cluster() {
    return request.cluster();
  }

  private WorkloadRef targetWorkload() {
    return new WorkloadRef(cluster(), WorkloadKind.STATEFULSET, plan.targetGrid());
  }

  private GridEndpoint endpoint(String service) {
    return new GridEndpoint(cluster(), service, request.port(), request.credentialsSecret());
  }

  /** The source through the Service pinned to its pods (the client Service moves). */
  private GridEndpoint sourceEndpoint() {
    return endpoint(plan.sourceService());
  }

  private GridEndpoint targetEndpoint() {
    return endpoint(plan.targetGrid());
  }

  private CacheRequest cacheRequest(String cache) {
    return new CacheRequest(sourceEndpoint(), targetEndpoint(), cache);
  }
}
