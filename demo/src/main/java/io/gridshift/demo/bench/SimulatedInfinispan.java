package io.gridshift.demo.bench;

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

/**
 * The Infinispan calls of one simulated cluster, for any number of grids: every grid is a healthy
 * {@value SimulatedKubernetes#PODS}-pod {@value #VERSION} StatefulSet with caches {@code orders}
 * and {@code sessions} beside the internal {@code ___protobuf_metadata}, the shape the recorded
 * history {@code infinispan-completed.json} was made with, so the real workflow makes the same
 * calls (checked by {@code SimulatedActivitiesTest}). Writes change nothing; waits (cluster health,
 * sync-data) take their {@link SimulatedPace}; sync and verify find every entry.
 *
 * <p>Unlike the workflows module's test fakes, this lives in main code: the benchmark runs from the
 * demo's runtime classpath, which must not carry the test-jar (its test kind would plug itself into
 * the demo).
 */
final class SimulatedInfinispan implements InfinispanDeployActivities, InfinispanDataActivities {
  /** The version every simulated Infinispan grid runs. */
  static final String VERSION = "14.0.28.Final";

  private static final GridInventory INVENTORY =
      new GridInventory(
          List.of(
              new CacheInfo("___protobuf_metadata", 2, null, true),
              new CacheInfo("orders", 1000, "application/x-protostream", false),
              new CacheInfo("sessions", 500, null, false)),
          List.of("orders.proto"),
          SimulatedKubernetes.PODS,
          null);

  private final SimulatedPace pace;

  SimulatedInfinispan(SimulatedPace pace) {
    this.pace = pace;
  }

  @Override
  public SourceGrid inspectSource(InspectSourceRequest request) {
    String name = request.grid();
    Map<String, String> selector = Map.of("app", name);
    int pods = SimulatedKubernetes.PODS;
    return new SourceGrid(
        name,
        "quay.io/infinispan/server:" + VERSION,
        VERSION,
        pods,
        pods,
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

  @Override
  public void deployTarget(DeployTargetRequest request) {}

  @Override
  public String serviceHost(ClusterRef cluster, String service) {
    return "10.0.0.7";
  }

  @Override
  public void removeRemoteStores(ClusterRef cluster, String targetGrid) {}

  @Override
  public void deleteGrid(DeleteGridRequest request) {}

  @Override
  public GridInventory inventory(GridEndpoint grid) {
    return INVENTORY;
  }

  /** The simulated servers do not say: the plan goes by the image tags. */
  @Override
  public String serverVersion(GridEndpoint grid) {
    return null;
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
    pace.await();
    return new SyncResult(request.cache().cache(), 100, 5);
  }

  @Override
  public VerifyResult verify(VerifyRequest request) {
    return new VerifyResult(request.cache().cache(), 100, 100, 100, 0, 0, List.of());
  }

  @Override
  public void disconnectSource(CacheRequest request) {}

  @Override
  public void warmUpCatchUp(CacheRequest request) {}

  @Override
  public CatchUpResult catchUp(CatchUpRequest request) {
    pace.await();
    return new CatchUpResult(request.cache().cache(), 100, 100, 0, 0, 5);
  }

  @Override
  public ClusterHealth waitForClusterHealth(ClusterHealthRequest request) {
    pace.await();
    return new ClusterHealth("HEALTHY", SimulatedKubernetes.PODS);
  }
}
