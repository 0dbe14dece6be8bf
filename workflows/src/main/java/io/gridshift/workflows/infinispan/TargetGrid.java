package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClaimKeeper;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.WorkflowClock;
import io.gridshift.workflows.infinispan.activities.ClusterHealthRequest;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import io.gridshift.workflows.infinispan.activities.RemoteStoreConfigRequest;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.util.List;
import java.util.Map;

/**
 * The target grid's life beside the source, from its deployment to the source's deletion: the steps
 * deploy-target (undone by {@link #remove()}), create-caches, connect-source, disconnect-source and
 * delete-source.
 *
 * <ol>
 *   <li>deploy: the target StatefulSet (and a Service pinned to the source pods) runs beside the
 *       source, whole and healthy.
 *   <li>create caches and connect them to the source: each target cache reads through to its source
 *       cache, so clients may use the target before any data is copied.
 *   <li>disconnect the source once the data is on the target (in CONFIG mode by rolling the target
 *       pod by pod without its remote stores).
 *   <li>delete the source, which the target now replaces.
 * </ol>
 *
 * <p>Each method only calls activities and records progress; ordering, gates and compensation are
 * {@link InfinispanUpgradeWorkflowImpl}'s. Every method may run again from its start (the retry
 * gate), so each relies on idempotent activities and keeps the values it must reuse.
 */
final class TargetGrid {
  /** How long the target's cluster view may take to become whole and healthy. */
  static final int HEALTH_TIMEOUT_SECONDS = 600;

  /** Stays below the long-wait profile's 30-minute start-to-close. */
  private static final int MAX_WAIT_SECONDS = 1500;

  private final InfinispanUpgradeRequest request;
  private final InfinispanPlan plan;
  private final InfinispanActivityStubs act;
  private final StepTracker tracker;
  private final CacheBook caches;
  private final ClaimKeeper claims;
  private final GridAddresses grids;

  /** Whether deploy-target reads the target's server version (histories before it do not). */
  private final boolean checksTargetVersion;

  private String sourceHost;
  private String restartedAt;

  TargetGrid(
      InfinispanUpgradeRequest request,
      InfinispanPlan plan,
      InfinispanActivityStubs act,
      StepTracker tracker,
      CacheBook caches,
      ClaimKeeper claims,
      boolean checksTargetVersion) {
    this.request = request;
    this.checksTargetVersion = checksTargetVersion;
    this.plan = plan;
    this.act = act;
    this.tracker = tracker;
    this.caches = caches;
    this.claims = claims;
    this.grids = new GridAddresses(request, plan);
  }

  /**
   * deploy-target: deploys the target (and the Service pinned to the source), then waits for its
   * rollout and a whole cluster view. CONFIG mode renders the caches with remote stores first;
   * their host is {@link InfinispanConventions#SOURCE_HOST_PLACEHOLDER}, resolved by the deploy
   * activity.
   */
  void deploy() {
    List<String> storeCaches = List.of();
    String xml = null;
    if (plan.connectionMode() == ConnectionMode.CONFIG) {
      storeCaches = caches.names();
      // The pinned Service does not exist yet: read the definitions through the client Service.
      xml =
          act.data()
              .renderRemoteStoreConfigs(
                  new RemoteStoreConfigRequest(
                      grids.client(),
                      storeCaches,
                      InfinispanConventions.SOURCE_HOST_PLACEHOLDER,
                      request.port()));
    }
    act.deploy()
        .deployTarget(
            new DeployTargetRequest(
                request.cluster(),
                plan.source().name(),
                plan.targetGrid(),
                plan.sourceService(),
                plan.targetImage(),
                plan.minReadySeconds(),
                request.port(),
                storeCaches,
                xml,
                request.credentialsSecret(),
                claims.id(),
                request.tlsSecret(),
                plan.connectionMode() == ConnectionMode.RUNTIME ? caches.names() : null));
    waitUntilWhole(
        Math.min(MAX_WAIT_SECONDS, 300 + plan.replicas() * (plan.minReadySeconds() + 120)));
    String runs = checksTargetVersion ? requireAskedVersion() : "";
    tracker.note(
        InfinispanSteps.DEPLOY_TARGET,
        "target "
            + plan.targetGrid()
            + " ready: "
            + plan.replicas()
            + " pods, cluster view whole"
            + runs);
  }

  /**
   * Reads the target's version from its server and stops (compensated: the target is removed) when
   * it runs something else than asked; returns what to add to the step's note.
   */
  private String requireAskedVersion() {
    String text = act.data().serverVersion(grids.target());
    ServerVersions.targetProblem(plan.targetGrid(), plan.targetImage(), plan.targetVersion(), text)
        .ifPresent(
            problem -> {
              throw UpgradeStop.failed(FailureTypes.UNSUPPORTED_VERSION, problem);
            });
    return text == null ? "" : ", server says " + text;
  }

  /** Compensation of deploy-target: deletes the target and the Service pinned to the source. */
  void remove() {
    act.deploy()
        .deleteGrid(
            new DeleteGridRequest(
                request.cluster(),
                plan.targetGrid(),
                List.of(plan.targetGrid(), plan.sourceService()),
                true,
                claims.id()));
  }

  /**
   * create-caches: copies internal caches (schemas first), then, in CONFIG mode, creates every user
   * cache the target lacks. In RUNTIME mode the user caches are left to connect-source, which
   * creates each one with its remote store in one go: creating it here first meant connect-source
   * had to delete the empty cache and create it again, two cluster-wide cache starts per cache
   * instead of one.
   */
  void createCaches() {
    act.data().copyInternalCaches(grids.source(), grids.target());
    List<String> names = caches.names();
    if (plan.connectionMode() == ConnectionMode.RUNTIME) {
      tracker.note(
          InfinispanSteps.CREATE_CACHES,
          "internal caches copied; connect-source creates the "
              + names.size()
              + " caches already connected to the source");
      return;
    }
    PerCache.forEach(
        names,
        cache -> {
          // Idempotent: in CONFIG mode the caches already exist from the configuration.
          act.data().createCache(grids.cache(cache));
          caches.state(cache, CacheBook.CREATED);
        });
    tracker.note(InfinispanSteps.CREATE_CACHES, names.size() + " caches on the target");
  }

  /**
   * connect-source: connects each target cache to its source cache (CONFIG mode: checks the
   * configured store).
   */
  void connectSource() {
    if (sourceHost == null) {
      sourceHost = act.deploy().serviceHost(request.cluster(), plan.sourceService());
    }
    boolean configured = plan.connectionMode() == ConnectionMode.CONFIG;
    String host = sourceHost;
    PerCache.forEach(
        caches.names(),
        cache -> {
          act.data()
              .connectSource(
                  new ConnectSourceRequest(grids.cache(cache), host, request.port(), configured));
          caches.state(cache, CacheBook.CONNECTED);
        });
    tracker.note(
        InfinispanSteps.CONNECT_SOURCE, "caches read through to the source at " + sourceHost);
  }

  /**
   * disconnect-source: disconnects each cache still connected: REST in RUNTIME mode; in CONFIG
   * (which never has write-paused caches: they need RUNTIME) the configuration without remote
   * stores and a pod-by-pod roll first, then the same per-cache disconnect (a no-op without a
   * store), which also removes a write probe a failed probe left on the target.
   */
  void disconnectSource() {
    List<String> remaining = caches.syncedAfterSwitch();
    if (plan.connectionMode() == ConnectionMode.CONFIG) {
      act.deploy().removeRemoteStores(request.cluster(), plan.targetGrid());
      if (grids.targetWorkload().kind().partitioned()) {
        rollPodByPod();
      } else {
        rollByStrategy();
      }
    }
    for (String cache : remaining) {
      act.data().disconnectSource(grids.cache(cache));
    }
    for (String cache : remaining) {
      caches.state(cache, CacheBook.DISCONNECTED);
    }
    if (!caches.writePaused().isEmpty()) {
      tracker.note(
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
  private void rollPodByPod() {
    if (restartedAt == null) {
      restartedAt = WorkflowClock.now(); // kept, so a retried step patches the same value
    }
    WorkloadRef target = grids.targetWorkload();
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
      waitUntilWhole(Math.min(MAX_WAIT_SECONDS, 300 + plan.minReadySeconds() + 120));
      tracker.note(
          InfinispanSteps.DISCONNECT_SOURCE,
          "restarted " + plan.targetGrid() + "-" + ordinal + " without remote stores");
    }
  }

  /**
   * The CONFIG-mode restart of a target without a partition (a DeploymentConfig): one template
   * change, rolled by the target's own strategy, which deploy-target made one new pod at a time
   * (maxSurge 1, maxUnavailable 0, minReadySeconds), so a new pod joins and takes its share of the
   * data before an old one leaves; then the rollout wait and a whole cluster view, as between the
   * pods of a partitioned roll.
   */
  private void rollByStrategy() {
    if (restartedAt == null) {
      restartedAt = WorkflowClock.now(); // kept, so a retried step patches the same value
    }
    act.kube()
        .patchPodTemplate(
            new PodTemplatePatch(
                grids.targetWorkload(),
                null,
                null,
                Map.of(InfinispanConventions.RESTARTED_AT_ANNOTATION, restartedAt),
                claims.id()));
    int perPod = 300 + plan.minReadySeconds() + 120;
    waitUntilWhole(Math.min(MAX_WAIT_SECONDS, perPod * Math.max(1, plan.replicas())));
    tracker.note(
        InfinispanSteps.DISCONNECT_SOURCE,
        "restarted "
            + plan.replicas()
            + " pods of DeploymentConfig "
            + plan.targetGrid()
            + " without remote stores");
  }

  /** delete-source: the source grid and the Service pinned to it (never the client Service). */
  void deleteSource() {
    act.deploy()
        .deleteGrid(
            new DeleteGridRequest(
                request.cluster(),
                plan.source().name(),
                List.of(plan.sourceService()),
                true,
                claims.id()));
    tracker.note(
        InfinispanSteps.DELETE_SOURCE,
        "deleted "
            + plan.source().kind().display()
            + " "
            + plan.source().name()
            + ", its ConfigMap and Service "
            + plan.sourceService()
            + " (PersistentVolumeClaims are kept: delete them by hand once you no longer need them)");
  }

  /** Waits for the target's rollout, then for a whole and healthy cluster view. */
  private void waitUntilWhole(int rolloutSeconds) {
    act.kubeWaits().waitForRollout(new RolloutRequest(grids.targetWorkload(), rolloutSeconds));
    act.dataWaits()
        .waitForClusterHealth(
            new ClusterHealthRequest(grids.target(), plan.replicas(), HEALTH_TIMEOUT_SECONDS));
  }
}
