package io.gridshift.starter.cli;

import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.RouteRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ClusterHealth;
import io.gridshift.workflows.infinispan.activities.ClusterHealthRequest;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.InfinispanDeployActivities;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.RemoteStoreConfigRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A healthy 3-pod Infinispan 14.0.28 grid {@code dg} with caches {@code orders} and {@code
 * sessions}, answering every activity the upgrade workflow calls at once. It records the
 * destructive calls so tests can assert what did (not) happen.
 */
public final class FakeInfinispanGrid
    implements InfinispanDeployActivities, InfinispanDataActivities, KubernetesActivities {
  /** The cluster the fake serves: its activities listen on {@code CLUSTER.taskQueue()}. */
  public static final ClusterRef CLUSTER = new ClusterRef("test", "apps");

  private static final Map<String, String> SELECTOR = Map.of("app", "dg");

  /** Calls that change the cluster, in order, e.g. {@code setServiceSelector}. */
  public final List<String> changes = new CopyOnWriteArrayList<>();

  /** A request file for this grid; {@code gates} is the JSON of the gates object. */
  public static String requestJson(String gates) {
    return """
        {"cluster": {"cluster": "test", "namespace": "apps"}, "grid": "dg",
         "targetVersion": "15.0.21.Final", "gates": %s}"""
        .formatted(gates);
  }

  @Override
  public SourceGrid inspectSource(InspectSourceRequest request) {
    return new SourceGrid(
        "dg",
        "quay.io/infinispan/server:14.0.28.Final",
        "14.0.28.Final",
        3,
        3,
        0,
        "dg-config",
        SELECTOR,
        "dg",
        SELECTOR,
        true,
        null,
        null);
  }

  @Override
  public void deployTarget(DeployTargetRequest request) {
    changes.add("deployTarget");
  }

  @Override
  public String serviceHost(ClusterRef cluster, String service) {
    return "10.0.0.7";
  }

  @Override
  public void removeRemoteStores(ClusterRef cluster, String targetGrid) {
    changes.add("removeRemoteStores");
  }

  @Override
  public void deleteGrid(DeleteGridRequest request) {
    changes.add("deleteGrid");
  }

  @Override
  public GridInventory inventory(GridEndpoint grid) {
    return new GridInventory(
        List.of(
            new CacheInfo("___protobuf_metadata", 2, null, true),
            new CacheInfo("orders", 1000, "application/x-protostream", false),
            new CacheInfo("sessions", 500, null, false)),
        List.of("orders.proto"),
        3);
  }

  @Override
  public String renderRemoteStoreConfigs(RemoteStoreConfigRequest request) {
    return "<distributed-cache name=\"orders\"/>";
  }

  @Override
  public void copyInternalCaches(GridEndpoint source, GridEndpoint target) {}

  @Override
  public void createCache(CacheRequest request) {}

  @Override
  public void connectSource(ConnectSourceRequest request) {}

  @Override
  public ProbeResult probeWriteThrough(CacheRequest request) {
    return new ProbeResult(request.cache(), true, "ok");
  }

  @Override
  public SyncResult syncData(SyncRequest request) {
    return new SyncResult(request.cache().cache(), 100, 5);
  }

  @Override
  public VerifyResult verify(VerifyRequest request) {
    return new VerifyResult(request.cache().cache(), 100, 100, 100, 0, 0, List.of());
  }

  @Override
  public void disconnectSource(CacheRequest request) {
    changes.add("disconnectSource");
  }

  @Override
  public ClusterHealth waitForClusterHealth(ClusterHealthRequest request) {
    return new ClusterHealth("HEALTHY", 3);
  }

  @Override
  public RolloutStatus rolloutStatus(WorkloadRef workload) {
    return new RolloutStatus(3, 3, 3, 3, 0, true, "done");
  }

  @Override
  public RolloutStatus waitForRollout(RolloutRequest request) {
    return new RolloutStatus(3, 3, 3, 3, 0, true, "done");
  }

  @Override
  public void claim(ClaimRequest request) {
    changes.add("claim");
  }

  @Override
  public void release(ClaimRequest request) {
    changes.add("release");
  }

  @Override
  public void setServiceSelector(ServiceSelectorRequest request) {
    changes.add("setServiceSelector");
  }

  @Override
  public void setRouteService(RouteRequest request) {
    changes.add("setRouteService");
  }

  @Override
  public void setPartition(PartitionRequest request) {
    changes.add("setPartition");
  }

  @Override
  public void patchPodTemplate(PodTemplatePatch patch) {
    changes.add("patchPodTemplate");
  }

  @Override
  public List<String> deleteStuckPods(WorkloadRef statefulSet) {
    changes.add("deleteStuckPods");
    return List.of();
  }

  @Override
  public void setRolloutPaused(WorkloadRef deployment, boolean paused) {
    changes.add("setRolloutPaused");
  }
}
