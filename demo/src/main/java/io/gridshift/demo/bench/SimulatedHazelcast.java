package io.gridshift.demo.bench;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Hazelcast calls of one simulated cluster, for any number of grids: every grid is a {@value
 * SimulatedKubernetes#PODS}-member {@value #VERSION} StatefulSet deployed the safe way (graceful
 * shutdown, grace period 600 s) with maps {@code orders} and {@code sessions}, the shape the
 * recorded history {@code hazelcast-canary-approved.json} was made with. A pod runs the version its
 * last cluster-safe wait asked for, so the roll's final verification sees the target version. The
 * cluster-safe wait takes its {@link SimulatedPace}.
 */
final class SimulatedHazelcast implements HazelcastActivities {
  /** The version every simulated Hazelcast grid runs before its roll. */
  static final String VERSION = "5.3.6";

  private static final Map<String, String> SAFE_PROPERTIES =
      Map.of(
          "hazelcast.shutdownhook.policy", "GRACEFUL",
          "hazelcast.graceful.shutdown.max.wait", "600");

  private final SimulatedPace pace;

  /**
   * The version each rolled pod runs, by {@code namespace/pod}; a pod not in it runs {@value
   * #VERSION}.
   */
  private final Map<String, String> podVersions = new ConcurrentHashMap<>();

  SimulatedHazelcast(SimulatedPace pace) {
    this.pace = pace;
  }

  @Override
  public HazelcastWorkload inspect(WorkloadRef workload) {
    int members = SimulatedKubernetes.PODS;
    return new HazelcastWorkload(
        workload.name(),
        WorkloadKind.STATEFULSET,
        members,
        members,
        "hazelcast",
        "hazelcast/hazelcast:" + VERSION,
        VERSION,
        600,
        SAFE_PROPERTIES,
        Map.of("default", 1),
        "RollingUpdate",
        0,
        null,
        null,
        workload.name() + "-config",
        null);
  }

  @Override
  public ClusterSnapshot snapshot(HazelcastEndpoint endpoint) {
    return snapshot(endpoint.workload());
  }

  @Override
  public ClusterSnapshot waitUntilSafe(SafeWaitRequest request) {
    pace.await();
    WorkloadRef workload = request.endpoint().workload();
    if (request.pod() != null) {
      podVersions.put(workload.cluster().namespace() + "/" + request.pod(), request.version());
    }
    return snapshot(workload);
  }

  @Override
  public Map<String, Long> mapSizes(HazelcastEndpoint endpoint) {
    return Map.of("orders", 1000L, "sessions", 500L);
  }

  @Override
  public void applySafeSettings(
      WorkloadRef workload, String container, int maxWaitSeconds, String claim) {}

  private ClusterSnapshot snapshot(WorkloadRef workload) {
    int members = SimulatedKubernetes.PODS;
    List<MemberHealth> health = new ArrayList<>();
    // One cluster: every member sees the same member set, its own UUID included.
    List<String> uuids = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      uuids.add("uuid-" + workload.name() + "-" + i);
    }
    for (int i = 0; i < members; i++) {
      String pod = workload.name() + "-" + i;
      String version =
          podVersions.getOrDefault(workload.cluster().namespace() + "/" + pod, VERSION);
      health.add(
          new MemberHealth(
              pod,
              "10.0.0." + i + ":5701",
              version,
              "ACTIVE",
              "ACTIVE",
              true,
              0,
              members,
              true,
              uuids.get(i),
              List.copyOf(uuids)));
    }
    return new ClusterSnapshot(health, "5.3");
  }
}
