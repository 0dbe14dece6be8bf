package io.gridshift.workflows.hazelcast.activities;

import io.gridshift.workflows.activities.WorkloadRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/**
 * Hazelcast side of a rolling upgrade: the workload as Kubernetes has it, and the members' health
 * endpoints (real HTTP client) and map sizes (Hazelcast Java client). Read-only except where noted;
 * idempotent; long waits heartbeat. Runs on the task queue of the cluster it acts on. The
 * StatefulSet pacing itself uses {@link io.gridshift.workflows.activities.KubernetesActivities}
 * (partition, image).
 */
@ActivityInterface(namePrefix = "Hazelcast.")
public interface HazelcastActivities {

  /**
   * Reads the workload, its JAVA_OPTS and member configuration (ConfigMap).
   *
   * @throws io.temporal.failure.ApplicationFailure type {@code GridNotFound} when it does not exist
   */
  @ActivityMethod
  HazelcastWorkload inspect(WorkloadRef workload);

  /** Asks every pod of the workload for its health and version, once. */
  @ActivityMethod
  ClusterSnapshot snapshot(HazelcastEndpoint endpoint);

  /** Waits until the cluster is whole and safe (and a given pod runs a given version). */
  @ActivityMethod
  ClusterSnapshot waitUntilSafe(SafeWaitRequest request);

  /** Entry count of every map (Hazelcast Java client connected to the members). */
  @ActivityMethod
  Map<String, Long> mapSizes(HazelcastEndpoint endpoint);

  /**
   * Writes safe settings into the pod template: JAVA_OPTS gets {@code
   * -Dhazelcast.shutdownhook.policy=GRACEFUL} and {@code
   * -Dhazelcast.graceful.shutdown.max.wait=<s>}, and terminationGracePeriodSeconds becomes at least
   * {@code maxWaitSeconds} + 30. Idempotent; the change rolls the pods (the workflow paces that
   * roll like an upgrade). Refused (ClaimConflict) unless the workload carries {@code claim} (null
   * checks nothing).
   */
  @ActivityMethod
  void applySafeSettings(WorkloadRef workload, String container, int maxWaitSeconds, String claim);
}
