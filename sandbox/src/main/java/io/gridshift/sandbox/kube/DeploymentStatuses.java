package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Deployment's status from its pods: counts over active (not terminating) pods, the Available
 * condition, and the Progressing condition with its deadline ({@code progressDeadlineSeconds},
 * counted from the last time the numbers moved).
 */
final class DeploymentStatuses {
  private DeploymentStatuses() {}

  static DeploymentStatus compute(
      Deployment deployment, DeploymentPlanner.Spec spec, List<Pod> pods, Instant now) {
    int replicas = 0;
    int updated = 0;
    int ready = 0;
    int available = 0;
    for (Pod pod : pods) {
      if (Pods.isTerminating(pod)) {
        continue; // as in ReplicaSet counts: terminating pods are no replicas
      }
      boolean fresh = spec.hash().equals(DeploymentPlanner.hash(pod));
      replicas++;
      updated += fresh ? 1 : 0;
      ready += Pods.isRunningAndReady(pod) ? 1 : 0;
      available += Pods.isAvailable(pod, spec.minReadySeconds(), now) ? 1 : 0;
    }
    DeploymentStatus previous = deployment.getStatus();
    boolean moved =
        previous == null
            || !Objects.equals(
                previous.getObservedGeneration(), deployment.getMetadata().getGeneration())
            || !Objects.equals(previous.getReplicas(), replicas)
            || !Objects.equals(previous.getUpdatedReplicas(), updated)
            || !Objects.equals(previous.getReadyReplicas(), ready)
            || !Objects.equals(previous.getAvailableReplicas(), available);
    boolean complete =
        updated == spec.replicas() && replicas == spec.replicas() && available == spec.replicas();
    int minAvailable = spec.replicas() - spec.maxUnavailable();
    DeploymentCondition availableCondition =
        condition(
            previous,
            "Available",
            available >= minAvailable ? "True" : "False",
            available >= minAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            available >= minAvailable
                ? "Deployment has minimum availability."
                : "Deployment does not have minimum availability.",
            now,
            false);
    return new DeploymentStatusBuilder()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .withUnavailableReplicas(Math.max(0, spec.replicas() - available))
        .withConditions(
            availableCondition, progressing(deployment, spec, previous, complete, moved, now))
        .build();
  }

  private static DeploymentCondition progressing(
      Deployment deployment,
      DeploymentPlanner.Spec spec,
      DeploymentStatus previous,
      boolean complete,
      boolean moved,
      Instant now) {
    String rs = "ReplicaSet \"" + deployment.getMetadata().getName() + "-" + spec.hash() + "\"";
    if (complete) {
      return condition(
          previous,
          "Progressing",
          "True",
          "NewReplicaSetAvailable",
          rs + " has successfully progressed.",
          now,
          moved);
    }
    DeploymentCondition last = find(previous, "Progressing");
    Integer deadlineSeconds = deployment.getSpec().getProgressDeadlineSeconds();
    Instant lastUpdate = last == null ? null : Pods.parseTime(last.getLastUpdateTime());
    boolean exceeded =
        !moved
            && !spec.paused()
            && deadlineSeconds != null
            && lastUpdate != null
            && Duration.between(lastUpdate, now).toSeconds() > deadlineSeconds;
    if (exceeded
        || (last != null && "ProgressDeadlineExceeded".equals(last.getReason()) && !moved)) {
      return condition(
          previous,
          "Progressing",
          "False",
          "ProgressDeadlineExceeded",
          rs + " has timed out progressing.",
          now,
          false);
    }
    return condition(
        previous, "Progressing", "True", "ReplicaSetUpdated", rs + " is progressing.", now, moved);
  }

  /**
   * A condition that keeps its transition time while its status stays, and its update time unless
   * {@code touch}.
   */
  private static DeploymentCondition condition(
      DeploymentStatus previous,
      String type,
      String status,
      String reason,
      String message,
      Instant now,
      boolean touch) {
    DeploymentCondition last = find(previous, type);
    String stamp = Pods.timestamp(now);
    boolean same = last != null && status.equals(last.getStatus());
    boolean sameReason = same && reason.equals(last.getReason());
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(same ? last.getLastTransitionTime() : stamp)
        .withLastUpdateTime(sameReason && !touch ? last.getLastUpdateTime() : stamp)
        .build();
  }

  private static DeploymentCondition find(DeploymentStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
