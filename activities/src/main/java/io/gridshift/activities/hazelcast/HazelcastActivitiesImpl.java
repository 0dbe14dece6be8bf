package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link HazelcastActivities} over one cluster's fabric8 client; the worker registers one instance
 * per cluster task queue. Members are reached on their pod IPs: the worker runs where pods are
 * routable (in the cluster, or the sandbox's loopback "pods"). Holds no connections between calls.
 */
public class HazelcastActivitiesImpl implements HazelcastActivities {
  /** Timeout of each REST call to a member: a member that needs longer is not healthy. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /**
   * How often waitUntilSafe looks: a safe cluster is seen within a quarter second (the Infinispan
   * Operator requeues every 10-15 s). Four small GETs a second per waiting upgrade.
   */
  static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  /** How long the map-count client tries to reach a member. */
  static final Duration CLIENT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final WorkloadInspector inspector;
  private final ClusterProbe probe;
  private final SafeWaiter waiter;
  private final MapCounter counter;
  private final SafeSettings safeSettings;

  /**
   * @param client the client of the one cluster this instance acts on
   */
  public HazelcastActivitiesImpl(KubernetesClient client) {
    this(client, PROBE_TIMEOUT, POLL_INTERVAL);
  }

  HazelcastActivitiesImpl(KubernetesClient client, Duration probeTimeout, Duration pollInterval) {
    this.client = client;
    this.inspector = new WorkloadInspector(client);
    this.probe = new ClusterProbe(client, new MemberProbe(probeTimeout));
    this.waiter = new SafeWaiter(probe, pollInterval);
    this.counter = new MapCounter(CLIENT_CONNECT_TIMEOUT);
    this.safeSettings = new SafeSettings(client);
  }

  @Override
  public HazelcastWorkload inspect(WorkloadRef workload) {
    return inspector.inspect(workload);
  }

  @Override
  public ClusterSnapshot snapshot(HazelcastEndpoint endpoint) {
    return probe.snapshot(endpoint);
  }

  @Override
  public ClusterSnapshot waitUntilSafe(SafeWaitRequest request) {
    return waiter.await(request);
  }

  @Override
  public Map<String, Long> mapSizes(HazelcastEndpoint endpoint) {
    WorkloadRef ref = endpoint.workload();
    Workload workload = Workload.read(client, ref);
    MemberSettings settings =
        MemberSettings.read(client, ref.cluster().namespace(), workload.template().getSpec());
    List<String> addresses =
        probe.pods(endpoint).stream()
            .map(ClusterProbe::podIp)
            .filter(Objects::nonNull)
            .map(ip -> ip + ":" + endpoint.port())
            .toList();
    if (addresses.isEmpty()) {
      throw Failures.retryable(
          workload.describe() + ": no pod has an IP yet; no member to count maps on",
          FailureTypes.MEMBERS_UNREACHABLE,
          null);
    }
    return counter.count(settings.clusterName(), addresses, workload.describe());
  }

  @Override
  public void applySafeSettings(WorkloadRef workload, String container, int maxWaitSeconds) {
    if (maxWaitSeconds <= 0) {
      throw Failures.invalidRequest(
          "%s: maxWaitSeconds must be positive, got %d"
              .formatted(Workload.describe(workload), maxWaitSeconds));
    }
    safeSettings.apply(workload, container, maxWaitSeconds);
  }
}
