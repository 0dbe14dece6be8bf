package io.gridshift.workflows.activities;

/**
 * Waits until a rollout is complete as {@code kubectl rollout status} decides (see RUNTIME.md),
 * including minReadySeconds (availability), heartbeating the status meanwhile.
 *
 * @param workload the workload
 * @param timeoutSeconds give up (retryable failure) after this long
 */
public record RolloutRequest(WorkloadRef workload, int timeoutSeconds) {}
