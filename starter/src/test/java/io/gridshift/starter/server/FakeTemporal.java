package io.gridshift.starter.server;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.hazelcast.HazelcastUpgradeWorkflowImpl;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.gridshift.workflows.infinispan.InfinispanUpgradeWorkflowImpl;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ClusterHealth;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.InfinispanDeployActivities;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process Temporal (the SDK's test server, real time: gates do not expire during a test)
 * running the REAL upgrade workflows, with FAKE activities: Infinispan grids on cluster {@value
 * #ISPN_CLUSTER} (a healthy 3-pod 14.0.28 grid of any name, caches {@code orders} and {@code
 * sessions}) and Hazelcast clusters on {@value #HZ_CLUSTER} (3 healthy 5.3.6 members of any name; a
 * pod runs the version its last safe-wait asked for; a name starting {@value #UNSAFE} has the
 * shutdown hook TERMINATE and a max.wait longer than its grace period, two preflight violations).
 * This tests the REST layer, not the workflows.
 */
public final class FakeTemporal implements AutoCloseable {
  public static final String ISPN_CLUSTER = "ispn";
  public static final String HZ_CLUSTER = "hzc";
  public static final String UNSAFE = "unsafe";

  public final TestWorkflowEnvironment env;
  private final Map<String, String> podVersions = new ConcurrentHashMap<>();

  private FakeTemporal() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(
            InfinispanUpgradeWorkflowImpl.class, HazelcastUpgradeWorkflowImpl.class);
    Worker ispn = env.newWorker(TaskQueues.cluster(ISPN_CLUSTER));
    ispn.registerActivitiesImplementations(infinispanDeploy(), infinispanData(), kube());
    Worker hz = env.newWorker(TaskQueues.cluster(HZ_CLUSTER));
    hz.registerActivitiesImplementations(hazelcast(), kube());
    env.start();
  }

  private static FakeTemporal shared;

  /**
   * The one instance every test class shares (starting a test server per class costs seconds); it
   * is closed when the test JVM exits.
   */
  public static synchronized FakeTemporal shared() {
    if (shared == null) {
      shared = new FakeTemporal();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "fake-temporal-close"));
    }
    return shared;
  }

  @Override
  public void close() {
    env.close();
  }

  private static InfinispanDeployActivities infinispanDeploy() {
    InfinispanDeployActivities deploy =
        mock(InfinispanDeployActivities.class, withSettings().withoutAnnotations());
    when(deploy.inspectSource(any()))
        .thenAnswer(i -> sourceGrid(i.<InspectSourceRequest>getArgument(0).grid()));
    when(deploy.serviceHost(any(), any())).thenReturn("10.0.0.7");
    return deploy;
  }

  private static SourceGrid sourceGrid(String grid) {
    Map<String, String> selector = Map.of("app", grid);
    return new SourceGrid(
        grid,
        "quay.io/infinispan/server:14.0.28.Final",
        "14.0.28.Final",
        3,
        3,
        0,
        grid + "-config",
        selector,
        grid,
        selector,
        true,
        null,
        null);
  }

  private static InfinispanDataActivities infinispanData() {
    InfinispanDataActivities data =
        mock(InfinispanDataActivities.class, withSettings().withoutAnnotations());
    when(data.inventory(any()))
        .thenReturn(
            new GridInventory(
                List.of(
                    new CacheInfo("orders", 1000, null, false),
                    new CacheInfo("sessions", 500, null, false)),
                List.of(),
                3));
    when(data.renderRemoteStoreConfigs(any())).thenReturn("<distributed-cache name=\"orders\"/>");
    when(data.probeWriteThrough(any()))
        .thenAnswer(i -> new ProbeResult(i.<CacheRequest>getArgument(0).cache(), true, "ok"));
    when(data.syncData(any()))
        .thenAnswer(i -> new SyncResult(i.<SyncRequest>getArgument(0).cache().cache(), 100, 5));
    when(data.verify(any()))
        .thenAnswer(
            i -> {
              VerifyRequest r = i.getArgument(0);
              return new VerifyResult(r.cache().cache(), 100, 100, 100, 0, 0, List.of());
            });
    when(data.waitForClusterHealth(any())).thenReturn(new ClusterHealth("HEALTHY", 3));
    return data;
  }

  private static KubernetesActivities kube() {
    KubernetesActivities kube =
        mock(KubernetesActivities.class, withSettings().withoutAnnotations());
    RolloutStatus done = new RolloutStatus(3, 3, 3, 3, 0, true, "done");
    when(kube.waitForRollout(any())).thenReturn(done);
    when(kube.rolloutStatus(any())).thenReturn(done);
    return kube;
  }

  private HazelcastActivities hazelcast() {
    HazelcastActivities hz = mock(HazelcastActivities.class, withSettings().withoutAnnotations());
    when(hz.inspect(any())).thenAnswer(i -> workload(i.<WorkloadRef>getArgument(0).name()));
    when(hz.snapshot(any()))
        .thenAnswer(i -> snapshot(i.<HazelcastEndpoint>getArgument(0).workload().name()));
    when(hz.waitUntilSafe(any()))
        .thenAnswer(
            i -> {
              SafeWaitRequest r = i.getArgument(0);
              if (r.pod() != null) {
                podVersions.put(r.pod(), r.version());
              }
              return snapshot(r.endpoint().workload().name());
            });
    when(hz.mapSizes(any())).thenReturn(Map.of("orders", 1000L));
    return hz;
  }

  private static HazelcastWorkload workload(String name) {
    boolean unsafe = name.startsWith(UNSAFE);
    return new HazelcastWorkload(
        name,
        WorkloadKind.STATEFULSET,
        3,
        3,
        "hazelcast",
        "hazelcast/hazelcast:5.3.6",
        "5.3.6",
        600,
        Map.of(
            "hazelcast.shutdownhook.policy", unsafe ? "TERMINATE" : "GRACEFUL",
            "hazelcast.graceful.shutdown.max.wait", unsafe ? "900" : "600"),
        Map.of("default", 1),
        "RollingUpdate",
        0,
        null,
        null,
        name + "-config",
        null);
  }

  private ClusterSnapshot snapshot(String workload) {
    List<MemberHealth> members = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String pod = workload + "-" + i;
      String version = podVersions.getOrDefault(pod, "5.3.6");
      members.add(
          new MemberHealth(
              pod, "10.0.0." + i + ":5701", version, "ACTIVE", "ACTIVE", true, 0, 3, true));
    }
    return new ClusterSnapshot(members, "5.3");
  }
}
