package io.gridshift.workflows.activities;

/**
 * A workload's rollout numbers.
 *
 * @param replicas desired replicas
 * @param readyReplicas ready pods
 * @param availableReplicas pods ready for at least minReadySeconds
 * @param updatedReplicas pods on the newest template
 * @param partition StatefulSet partition (0 when unset or a Deployment)
 * @param done whether the rollout is complete
 * @param message why not yet, in kubectl's words
 */
public record RolloutStatus(
    int replicas,
    int readyReplicas,
    int availableReplicas,
    int updatedReplicas,
    int partition,
    boolean done,
    String message) {}
