package io.gridshift.activities.kubernetes;

import io.fabric8.openshift.api.model.DeploymentCondition;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigStatus;
import io.gridshift.workflows.activities.RolloutStatus;

/**
 * Decides whether an OpenShift DeploymentConfig's rollout is complete the way {@code oc rollout
 * status dc/NAME} does (oc's {@code DeploymentConfigStatusViewer}). Pure: reads the object, calls
 * nothing. In order:
 *
 * <ol>
 *   <li>{@code status.latestVersion} 0 means nothing was ever deployed: with no trigger, waiting
 *       will not help (oc: "waiting on manual update"); otherwise wait;
 *   <li>{@code metadata.generation <= status.observedGeneration}, else the controller has not seen
 *       the latest spec (a template change raises latestVersion as the controller observes it);
 *   <li>the Progressing condition's reason: {@code NewReplicationControllerAvailable} is done (the
 *       controller writes it once the new ReplicationController's pods are all available,
 *       minReadySeconds included); {@code ProgressDeadlineExceeded}, {@code RolloutCancelled} and
 *       {@code DeploymentConfigPaused} are stuck (oc exits with an error);
 *   <li>otherwise waiting: {@code updatedReplicas < spec.replicas}, then old replicas pending
 *       termination ({@code status.replicas > updatedReplicas}), then {@code availableReplicas <
 *       updatedReplicas}.
 * </ol>
 *
 * <p>Absent numbers mean 0; an absent {@code spec.replicas} means 1.
 */
final class DeploymentConfigRollout {
  static final String AVAILABLE = "NewReplicationControllerAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String CANCELLED = "RolloutCancelled";
  static final String PAUSED = "DeploymentConfigPaused";

  private DeploymentConfigRollout() {}

  /** The rollout numbers of a DeploymentConfig and whether its rollout is complete. */
  static RolloutStatus of(DeploymentConfig dc) {
    DeploymentConfigStatus status =
        dc.getStatus() == null ? new DeploymentConfigStatus() : dc.getStatus();
    int replicas = dc.getSpec().getReplicas() == null ? 1 : dc.getSpec().getReplicas();
    String name = "deployment config \"" + dc.getMetadata().getName() + "\"";
    DeploymentCondition progressing = progressing(status);
    boolean observed = n(dc.getMetadata().getGeneration()) <= n(status.getObservedGeneration());
    boolean done =
        n(status.getLatestVersion()) > 0
            && observed
            && progressing != null
            && AVAILABLE.equals(progressing.getReason());
    String message =
        done
            ? "successfully rolled out " + name + " version " + status.getLatestVersion()
            : waiting(dc, status, replicas, observed, progressing);
    return new RolloutStatus(
        replicas,
        n(status.getReadyReplicas()),
        n(status.getAvailableReplicas()),
        n(status.getUpdatedReplicas()),
        0,
        done,
        message);
  }

  /**
   * True when waiting longer cannot complete the rollout: the controller gave up (progress
   * deadline), the rollout was cancelled or the DeploymentConfig is paused, or it was never
   * deployed and has no trigger to start it.
   */
  static boolean isStuck(DeploymentConfig dc) {
    DeploymentConfigStatus status = dc.getStatus();
    if (status == null || n(status.getLatestVersion()) == 0) {
      return dc.getSpec().getTriggers() != null
          && dc.getSpec().getTriggers().isEmpty()
          && status != null
          && n(status.getObservedGeneration()) >= n(dc.getMetadata().getGeneration());
    }
    if (n(dc.getMetadata().getGeneration()) > n(status.getObservedGeneration())) {
      return false;
    }
    DeploymentCondition progressing = progressing(status);
    String reason = progressing == null ? null : progressing.getReason();
    return TIMED_OUT.equals(reason) || CANCELLED.equals(reason) || PAUSED.equals(reason);
  }

  private static String waiting(
      DeploymentConfig dc,
      DeploymentConfigStatus status,
      int replicas,
      boolean observed,
      DeploymentCondition progressing) {
    String name = "deployment config \"" + dc.getMetadata().getName() + "\"";
    if (n(status.getLatestVersion()) == 0) {
      return name + " has not been deployed yet (latestVersion 0): waiting for its first version";
    }
    if (!observed) {
      return "Waiting for latest " + name + " spec to be observed by the controller loop...";
    }
    if (progressing != null && isStuck(dc)) {
      return name + ": " + progressing.getReason() + ": " + progressing.getMessage();
    }
    int updated = n(status.getUpdatedReplicas());
    int current = n(status.getReplicas());
    int available = n(status.getAvailableReplicas());
    String rollout = "Waiting for rollout of " + name + " to finish: ";
    if (updated < replicas) {
      return rollout + updated + " out of " + replicas + " new replicas have been updated...";
    }
    if (current > updated) {
      return rollout + (current - updated) + " old replicas are pending termination...";
    }
    if (available < updated) {
      return rollout + available + " of " + updated + " updated replicas are available...";
    }
    return "Waiting for latest " + name + " spec to be observed by the controller loop...";
  }

  private static DeploymentCondition progressing(DeploymentConfigStatus status) {
    if (status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream()
        .filter(c -> "Progressing".equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }

  private static long n(Long value) {
    return value == null ? 0 : value;
  }
}
