package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.openshift.api.model.DeploymentCondition;
import io.fabric8.openshift.api.model.DeploymentConditionBuilder;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigStatus;
import io.fabric8.openshift.api.model.DeploymentConfigStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A DeploymentConfig's status as OpenShift's DeploymentConfig controller writes it, from its pods:
 * {@code latestVersion}, {@code observedGeneration}, counts over active pods ("updated" = of the
 * latest version), the Available condition, and the Progressing condition whose reason {@code oc
 * rollout status} reads: {@code NewReplicationControllerCreated} when a version starts, {@code
 * ReplicationControllerUpdated} while it rolls, {@code NewReplicationControllerAvailable} once
 * every replica is of it and available (kept until the next version, as OpenShift does), {@code
 * ProgressDeadlineExceeded} (status False) when nothing moved for the Rolling strategy's {@code
 * timeoutSeconds}, {@code DeploymentConfigPaused} (status Unknown) while paused.
 */
final class DeploymentConfigStatuses {
  static final String CREATED = "NewReplicationControllerCreated";
  static final String UPDATED = "ReplicationControllerUpdated";
  static final String AVAILABLE = "NewReplicationControllerAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String PAUSED = "DeploymentConfigPaused";

  private DeploymentConfigStatuses() {}

  /**
   * @param spec the planner's view (its hash is the latest version, as text)
   * @param latestVersion the version the pods roll to
   * @param timeoutSeconds the Rolling strategy's timeoutSeconds
   */
  static DeploymentConfigStatus compute(
      DeploymentConfig dc,
      DeploymentPlanner.Spec spec,
      long latestVersion,
      long timeoutSeconds,
      List<Pod> pods,
      Instant now) {
    int replicas = 0;
    int updated = 0;
    int ready = 0;
    int available = 0;
    int freshAvailable = 0;
    for (Pod pod : pods) {
      if (Pods.isTerminating(pod)) {
        continue;
      }
      boolean fresh = spec.hash().equals(DeploymentConfigController.version(pod));
      boolean isAvailable = Pods.isAvailable(pod, spec.minReadySeconds(), now);
      replicas++;
      updated += fresh ? 1 : 0;
      ready += Pods.isRunningAndReady(pod) ? 1 : 0;
      available += isAvailable ? 1 : 0;
      freshAvailable += fresh && isAvailable ? 1 : 0;
    }
    DeploymentConfigStatus previous = dc.getStatus();
    boolean newVersion =
        previous == null || !Objects.equals(previous.getLatestVersion(), latestVersion);
    boolean moved =
        newVersion
            || !Objects.equals(previous.getReplicas(), replicas)
            || !Objects.equals(previous.getUpdatedReplicas(), updated)
            || !Objects.equals(previous.getReadyReplicas(), ready)
            || !Objects.equals(previous.getAvailableReplicas(), available);
    boolean complete =
        updated == spec.replicas()
            && replicas == spec.replicas()
            && freshAvailable == spec.replicas();
    String rc =
        "replication controller \"" + dc.getMetadata().getName() + "-" + latestVersion + "\"";
    boolean minimum = available >= spec.replicas() - spec.maxUnavailable();
    DeploymentCondition availability =
        condition(
            previous,
            "Available",
            minimum ? "True" : "False",
            "",
            minimum
                ? "Deployment config has minimum availability."
                : "Deployment config does not have minimum availability.",
            now,
            false);
    DeploymentCondition progressing =
        progressing(
            previous, spec, rc, latestVersion, timeoutSeconds, complete, newVersion, moved, now);
    return new DeploymentConfigStatusBuilder()
        .withLatestVersion(latestVersion)
        .withObservedGeneration(dc.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .withUnavailableReplicas(Math.max(0, spec.replicas() - available))
        .withConditions(availability, progressing)
        .build();
  }

  private static DeploymentCondition progressing(
      DeploymentConfigStatus previous,
      DeploymentPlanner.Spec spec,
      String rc,
      long latestVersion,
      long timeoutSeconds,
      boolean complete,
      boolean newVersion,
      boolean moved,
      Instant now) {
    if (spec.paused()) {
      return condition(
          previous, "Progressing", "Unknown", PAUSED, "Deployment config is paused", now, false);
    }
    DeploymentCondition last = find(previous, "Progressing");
    String lastReason = newVersion || last == null ? null : last.getReason();
    if (complete || AVAILABLE.equals(lastReason)) {
      return condition(
          previous, "Progressing", "True", AVAILABLE, rc + " successfully rolled out", now, false);
    }
    if (newVersion) {
      return condition(
          previous,
          "Progressing",
          "True",
          CREATED,
          "Created new " + rc + " for version " + latestVersion,
          now,
          true);
    }
    Instant lastUpdate = last == null ? null : Pods.parseTime(last.getLastUpdateTime());
    boolean exceeded =
        !moved
            && lastUpdate != null
            && Duration.between(lastUpdate, now).toSeconds() > timeoutSeconds;
    if (exceeded || (TIMED_OUT.equals(lastReason) && !moved)) {
      return condition(
          previous, "Progressing", "False", TIMED_OUT, rc + " has failed progressing", now, false);
    }
    return condition(previous, "Progressing", "True", UPDATED, rc + " is progressing", now, moved);
  }

  /**
   * A condition that keeps its transition time while its status stays, and its update time unless
   * its reason changes or {@code touch}.
   */
  private static DeploymentCondition condition(
      DeploymentConfigStatus previous,
      String type,
      String status,
      String reason,
      String message,
      Instant now,
      boolean touch) {
    DeploymentCondition last = find(previous, type);
    String stamp = Pods.timestamp(now);
    String why = reason.isEmpty() ? null : reason;
    boolean same = last != null && status.equals(last.getStatus());
    boolean sameReason = same && Objects.equals(why, last.getReason());
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(why)
        .withMessage(message)
        .withLastTransitionTime(same ? last.getLastTransitionTime() : stamp)
        .withLastUpdateTime(sameReason && !touch ? last.getLastUpdateTime() : stamp)
        .build();
  }

  private static DeploymentCondition find(DeploymentConfigStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
