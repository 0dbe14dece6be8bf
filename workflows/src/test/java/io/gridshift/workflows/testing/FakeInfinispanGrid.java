package io.gridshift.workflows.testing;

import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpResult;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every activity an Infinispan upgrade calls, for healthy grids: a grid of any name is a 3-pod
 * {@value #VERSION} StatefulSet whose client Service, of the same name, selects {@code app=<name>};
 * each grid (source and target alike) holds caches {@code orders} (1000 entries, protostream) and
 * {@code sessions} (500), schema {@code orders.proto} and the internal {@code
 * ___protobuf_metadata}; every probe passes, a sync reports 100 entries synchronized, a verify
 * finds all 100. Register it on the cluster's task queue as it is, or spy on it ({@link
 * ActivitySpy}). Calls that change the cluster are recorded in {@link #changes}.
 */
public class FakeInfinispanGrid extends FakeKubernetes
    implements InfinispanDeployActivities, InfinispanDataActivities {
  /** The version every grid runs unless {@link #setSource} says otherwise. */
  public static final String VERSION = "14.0.28.Final";

  /** The cluster IP {@code serviceHost} answers for every Service. */
  public static final String SERVICE_HOST = "10.0.0.7";

  private final Map<String, SourceGrid> sources = new ConcurrentHashMap<>();
  private volatile GridInventory inventory = inventory();
  private volatile String serverVersion;

  /** A healthy grid {@code name}: StatefulSet, ConfigMap {@code <name>-config} and Service. */
  public static SourceGrid sourceGrid(String name, String version, int replicas, int ready) {
    Map<String, String> selector = Map.of("app", name);
    return new SourceGrid(
        name,
        "quay.io/infinispan/server:" + version,
        version,
        replicas,
        ready,
        0,
        name + "-config",
        selector,
        name,
        selector,
        true,
        null,
        null,
        null);
  }

  /** What every grid holds unless {@link #setInventory} says otherwise. */
  public static GridInventory inventory() {
    return new GridInventory(
        List.of(
            new CacheInfo("___protobuf_metadata", 2, null, true),
            new CacheInfo("orders", 1000, "application/x-protostream", false),
            new CacheInfo("sessions", 500, null, false)),
        List.of("orders.proto"),
        3,
        null);
  }

  /** A verify that found every entry: 100 on both sides, 100 keys checked. */
  public static VerifyResult matching(VerifyRequest r) {
    return new VerifyResult(r.cache().cache(), 100, 100, 100, 0, 0, List.of());
  }

  /** A verify that found {@code missing} of 100 entries missing on the target (key {@code k1}). */
  public static VerifyResult missing(VerifyRequest r, long missing) {
    return new VerifyResult(r.cache().cache(), 100, 100 - missing, 100, missing, 0, List.of("k1"));
  }

  /** From now on, {@code inspectSource} of grid {@code source.name()} answers {@code source}. */
  public void setSource(SourceGrid source) {
    sources.put(source.name(), source);
  }

  /** From now on, {@code inventory} answers {@code inventory} for every grid. */
  public void setInventory(GridInventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public SourceGrid inspectSource(InspectSourceRequest request) {
    return sources.getOrDefault(request.grid(), sourceGrid(request.grid(), VERSION, 3, 3));
  }

  @Override
  public void deployTarget(DeployTargetRequest request) {
    changed("deployTarget");
  }

  @Override
  public String serviceHost(ClusterRef cluster, String service) {
    return SERVICE_HOST;
  }

  @Override
  public void removeRemoteStores(ClusterRef cluster, String targetGrid) {
    changed("removeRemoteStores");
  }

  @Override
  public void deleteGrid(DeleteGridRequest request) {
    changed("deleteGrid");
  }

  @Override
  public GridInventory inventory(GridEndpoint grid) {
    return inventory;
  }

  /**
   * From now on, {@code serverVersion} answers {@code text} for every grid (null: says nothing).
   */
  public void setServerVersion(String text) {
    this.serverVersion = text;
  }

  @Override
  public String serverVersion(GridEndpoint grid) {
    return serverVersion;
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
    return matching(request);
  }

  @Override
  public void warmUpCatchUp(CacheRequest request) {}

  /** 100 entries on the source, 3 of them changed since the bulk sync and 1 deleted. */
  @Override
  public CatchUpResult catchUp(CatchUpRequest request) {
    changed("catchUp");
    return new CatchUpResult(request.cache().cache(), 100, 101, 3, 1, 40);
  }

  @Override
  public void disconnectSource(CacheRequest request) {
    changed("disconnectSource");
  }

  @Override
  public ClusterHealth waitForClusterHealth(ClusterHealthRequest request) {
    return new ClusterHealth("HEALTHY", 3);
  }
}
