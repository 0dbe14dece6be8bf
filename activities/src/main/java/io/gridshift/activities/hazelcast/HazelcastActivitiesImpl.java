package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import java.time.Duration;
import java.util.Map;

/**
 * {@link HazelcastActivities} over one cluster ({@link ClusterAccess}): its Kubernetes API and its
 * members ({@link HazelcastMembers}); the worker registers one instance per cluster task queue.
 * Holds no connections between calls.
 */
public class HazelcastActivitiesImpl implements HazelcastActivities {
  /** Timeout of each REST call to a member: a member that needs longer is not healthy. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /**
   * How often waitUntilSafe looks: a safe cluster is seen within a quarter second (the Infinispan
   * Operator requeues every 10-15 s). Four small GETs a second per waiting upgrade.
   */
  static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final KubernetesClient client;
  private final HazelcastMembers members;
  private final WorkloadInspector inspector;
  private final ClusterProbe probe;
  private final SafeWaiter waiter;
  private final SafeSettings safeSettings;

  /**
   * @param cluster the one cluster this instance acts on
   */
  public HazelcastActivitiesImpl(ClusterAccess cluster) {
    this(cluster, PROBE_TIMEOUT, POLL_INTERVAL);
  }

  HazelcastActivitiesImpl(ClusterAccess cluster, Duration probeTimeout, Duration pollInterval) {
    this.client = cluster.kubernetes();
    this.members = cluster.hazelcast();
    this.inspector = new WorkloadInspector(client);
    this.probe = new ClusterProbe(client, members, members.probe(probeTimeout));
    this.waiter = new SafeWaiter(members, probe, pollInterval);
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
    return members.withClient(endpoint, (client, describe) -> MapCounter.sizes(client, describe));
  }

  @Override
  public void applySafeSettings(
      WorkloadRef workload, String container, int maxWaitSeconds, String claim) {
    if (maxWaitSeconds <= 0) {
      throw Failures.invalidRequest(
          "%s: maxWaitSeconds must be positive, got %d"
              .formatted(Workload.describe(workload), maxWaitSeconds));
    }
    safeSettings.apply(workload, container, maxWaitSeconds, claim);
  }
}
