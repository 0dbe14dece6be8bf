package io.gridshift.workflows.testing;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberFeatures;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Every activity a Hazelcast rolling upgrade calls, for healthy clusters: a workload of any name is
 * a StatefulSet of 3 members {@code <name>-0..2} on {@value #VERSION}, deployed the safe way
 * ({@link #SAFE_PROPERTIES}, terminationGracePeriodSeconds 600, {@link #JOURNALED}), with maps
 * {@code orders} (1000 entries) and {@code sessions} (500). A pod runs the version its last {@code
 * waitUntilSafe} asked for ({@link #podVersions}), so snapshots follow the roll. Register it on the
 * cluster's task queue as it is, or spy on it ({@link ActivitySpy}). Calls that change the cluster
 * are recorded in {@link #changes}.
 */
public class FakeHazelcastCluster extends FakeKubernetes implements HazelcastActivities {
  /**
   * A member configuration like the demo's: {@code map default} with an event journal of 100,000,
   * so every map can be followed by a blue-green upgrade.
   */
  public static final MemberFeatures JOURNALED =
      new MemberFeatures(0, List.of(), Map.of("default", 100_000));

  /** The version every member runs until a safe-wait moves it. */
  public static final String VERSION = "5.3.6";

  /** The image of {@value #VERSION}. */
  public static final String IMAGE = "hazelcast/hazelcast:" + VERSION;

  /** Graceful shutdown, waiting up to 600 s: what the preflight asks for. */
  public static final Map<String, String> SAFE_PROPERTIES =
      Map.of(
          "hazelcast.shutdownhook.policy", "GRACEFUL",
          "hazelcast.graceful.shutdown.max.wait", "600");

  private static final int MEMBERS = 3;

  /** The version each pod runs now, by pod name; a pod not in it runs {@value #VERSION}. */
  public final Map<String, String> podVersions = new ConcurrentHashMap<>();

  private final Map<String, HazelcastWorkload> workloads = new ConcurrentHashMap<>();
  private volatile Function<String, HazelcastWorkload> otherWorkloads =
      name -> statefulSet(name, SAFE_PROPERTIES, 600);
  private final List<Stuck> stuck = new CopyOnWriteArrayList<>();

  private record Stuck(String pod, String version, BooleanSupplier still) {}

  /** A StatefulSet {@code name} of 3 ready members on {@value #VERSION}, ConfigMap name-config. */
  public static HazelcastWorkload statefulSet(
      String name, Map<String, String> properties, int terminationGracePeriodSeconds) {
    return new HazelcastWorkload(
        name,
        WorkloadKind.STATEFULSET,
        MEMBERS,
        MEMBERS,
        "hazelcast",
        IMAGE,
        VERSION,
        terminationGracePeriodSeconds,
        properties,
        Map.of("default", 1),
        "RollingUpdate",
        0,
        null,
        null,
        name + "-config",
        null,
        null,
        JOURNALED);
  }

  /** From now on, {@code inspect} of workload {@code workload.name()} answers {@code workload}. */
  public void setWorkload(HazelcastWorkload workload) {
    workloads.put(workload.name(), workload);
  }

  /** From now on, {@code inspect} answers {@code byName} for workloads not set one by one. */
  public void setWorkloads(Function<String, HazelcastWorkload> byName) {
    otherWorkloads = byName;
  }

  /**
   * Makes {@code pod} never become safe on {@code version} while {@code still} says so: each such
   * {@code waitUntilSafe} fails (type {@code NotReady}, not retried) as the activity does when its
   * wait times out on a pod that is not Ready.
   */
  public void stuck(String pod, String version, BooleanSupplier still) {
    stuck.add(new Stuck(pod, version, still));
  }

  /** Every member of {@code workload} healthy, on the version it runs now; cluster version 5.3. */
  public ClusterSnapshot snapshot(String workload) {
    List<MemberHealth> members = new ArrayList<>();
    // One cluster: every member sees the same member set, its own UUID included.
    List<String> uuids =
        java.util.stream.IntStream.range(0, MEMBERS)
            .mapToObj(i -> "uuid-" + workload + "-" + i)
            .toList();
    for (int i = 0; i < MEMBERS; i++) {
      String pod = workload + "-" + i;
      String version = podVersions.getOrDefault(pod, VERSION);
      members.add(
          new MemberHealth(
              pod,
              "10.0.0." + i + ":5701",
              version,
              "ACTIVE",
              "ACTIVE",
              true,
              0,
              MEMBERS,
              true,
              uuids.get(i),
              uuids));
    }
    return new ClusterSnapshot(members, "5.3");
  }

  @Override
  public HazelcastWorkload inspect(WorkloadRef workload) {
    HazelcastWorkload set = workloads.get(workload.name());
    return set != null ? set : otherWorkloads.apply(workload.name());
  }

  @Override
  public ClusterSnapshot snapshot(HazelcastEndpoint endpoint) {
    return snapshot(endpoint.workload().name());
  }

  @Override
  public ClusterSnapshot waitUntilSafe(SafeWaitRequest request) {
    for (Stuck s : stuck) {
      if (s.pod().equals(request.pod())
          && s.version().equals(request.version())
          && s.still().getAsBoolean()) {
        throw ApplicationFailure.newNonRetryableFailure(
            request.pod() + " not Ready after " + request.timeoutSeconds() + " s", "NotReady");
      }
    }
    if (request.pod() != null) {
      podVersions.put(request.pod(), request.version());
    }
    return snapshot(request.endpoint().workload().name());
  }

  @Override
  public Map<String, Long> mapSizes(HazelcastEndpoint endpoint) {
    return Map.of("orders", 1000L, "sessions", 500L);
  }

  @Override
  public void applySafeSettings(
      WorkloadRef workload, String container, int maxWaitSeconds, String claim) {
    changed("applySafeSettings");
  }
}
