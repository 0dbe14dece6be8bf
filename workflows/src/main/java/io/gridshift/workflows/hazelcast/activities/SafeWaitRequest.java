package io.gridshift.workflows.hazelcast.activities;

/**
 * Waits until the cluster is whole and safe (see {@link ClusterSnapshot#safe(int)}), and, when
 * {@code pod} is set, that pod is Ready and runs {@code version}. Polls about every 500 ms,
 * heartbeats the snapshot, fails (retryable) after {@code timeoutSeconds}.
 *
 * @param endpoint the cluster
 * @param replicas expected members
 * @param pod a pod that must be Ready on {@code version}, or null
 * @param version the version {@code pod} must run, or null
 * @param timeoutSeconds give up after this long
 */
public record SafeWaitRequest(
    HazelcastEndpoint endpoint, int replicas, String pod, String version, int timeoutSeconds) {}
