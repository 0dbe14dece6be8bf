package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.gridshift.workflows.activities.RolloutStatus;
import java.util.Objects;

/**
 * Decides whether a rollout is complete the way {@code kubectl rollout status} does (kubectl's
 * {@code polymorphichelpers/rollout_status.go}). Pure: reads the object, calls nothing.
 *
 * <p>StatefulSet, in order:
 *
 * <ol>
 *   <li>{@code status.observedGeneration >= metadata.generation}, else the controller has not seen
 *       the latest spec;
 *   <li>{@code status.readyReplicas >= spec.replicas};
 *   <li>with a RollingUpdate partition: {@code status.updatedReplicas >= spec.replicas -
 *       partition}; without one: {@code status.currentRevision == status.updateRevision}.
 * </ol>
 *
 * <p>Deployment, in order: observedGeneration as above; the Progressing condition's reason is not
 * {@code ProgressDeadlineExceeded} (kubectl stops with an error there, see {@link #isStuck});
 * {@code updatedReplicas >= spec.replicas}; {@code status.replicas <= updatedReplicas} (no old pods
 * left); {@code availableReplicas >= updatedReplicas} (minReadySeconds honoured).
 *
 * <p>Absent status numbers mean 0; an absent {@code spec.replicas} means 1 (the API server's
 * default). A StatefulSet's minReadySeconds is honoured by its controller between pods; like
 * kubectl, completion does not wait for the last pod's availability (the workflows check the grid's
 * cluster view afterwards).
 */
final class RolloutRules {
  static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  private RolloutRules() {}

  /** The rollout numbers of a StatefulSet and whether its rollout is complete. */
  static RolloutStatus of(StatefulSet sts) {
    StatefulSetSpec spec = sts.getSpec();
    StatefulSetStatus status = sts.getStatus() == null ? new StatefulSetStatus() : sts.getStatus();
    int replicas = replicas(spec.getReplicas());
    Integer partition = partition(spec.getUpdateStrategy());
    String waiting = waiting(sts, status, replicas, partition);
    int updated = n(status.getUpdatedReplicas());
    String done =
        partition == null
            ? "statefulset rolling update complete "
                + updated
                + " pods at revision "
                + status.getUpdateRevision()
            : "partitioned roll out complete: " + updated + " new pods have been updated";
    return new RolloutStatus(
        replicas,
        n(status.getReadyReplicas()),
        n(status.getAvailableReplicas()),
        updated,
        partition == null ? 0 : partition,
        waiting == null,
        waiting == null ? done : waiting);
  }

  /** Why the StatefulSet's rollout is not complete, in kubectl's words; null when it is. */
  private static String waiting(
      StatefulSet sts, StatefulSetStatus status, int replicas, Integer partition) {
    String name = "statefulset " + sts.getMetadata().getName();
    int ready = n(status.getReadyReplicas());
    int updated = n(status.getUpdatedReplicas());
    if (!observed(sts.getMetadata().getGeneration(), status.getObservedGeneration())) {
      return "Waiting for " + name + " spec update to be observed...";
    }
    if (ready < replicas) {
      return "Waiting for " + (replicas - ready) + " pods of " + name + " to be ready...";
    }
    if (partition != null && updated < replicas - partition) {
      return "Waiting for partitioned roll out of "
          + name
          + " to finish: "
          + updated
          + " out of "
          + (replicas - partition)
          + " new pods have been updated...";
    }
    if (partition == null
        && !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())) {
      return "Waiting for "
          + name
          + " rolling update to complete "
          + updated
          + " pods at revision "
          + status.getUpdateRevision()
          + "...";
    }
    return null;
  }

  /** The rollout numbers of a Deployment and whether its rollout is complete. */
  static RolloutStatus of(Deployment deployment) {
    DeploymentStatus status =
        deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    int replicas = replicas(deployment.getSpec().getReplicas());
    String waiting = waiting(deployment, status, replicas);
    return new RolloutStatus(
        replicas,
        n(status.getReadyReplicas()),
        n(status.getAvailableReplicas()),
        n(status.getUpdatedReplicas()),
        0,
        waiting == null,
        waiting == null
            ? "deployment \"" + deployment.getMetadata().getName() + "\" successfully rolled out"
            : waiting);
  }

  /** Why the Deployment's rollout is not complete, in kubectl's words; null when it is. */
  private static String waiting(Deployment deployment, DeploymentStatus status, int replicas) {
    String name = "deployment \"" + deployment.getMetadata().getName() + "\"";
    int current = n(status.getReplicas());
    int available = n(status.getAvailableReplicas());
    int updated = n(status.getUpdatedReplicas());
    if (!observed(deployment.getMetadata().getGeneration(), status.getObservedGeneration())) {
      return "Waiting for " + name + " spec update to be observed...";
    }
    if (isStuck(deployment)) {
      return name + " exceeded its progress deadline";
    }
    String rollout = "Waiting for " + name + " rollout to finish: ";
    if (updated < replicas) {
      return rollout + updated + " out of " + replicas + " new replicas have been updated...";
    }
    if (current > updated) {
      return rollout + (current - updated) + " old replicas are pending termination...";
    }
    if (available < updated) {
      return rollout + available + " of " + updated + " updated replicas are available...";
    }
    return null;
  }

  /**
   * True when the Deployment's Progressing condition says ProgressDeadlineExceeded: the controller
   * gave up, so waiting longer will not help (kubectl exits with an error).
   */
  static boolean isStuck(Deployment deployment) {
    if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
      return false;
    }
    for (DeploymentCondition c : deployment.getStatus().getConditions()) {
      if ("Progressing".equals(c.getType()) && PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason())) {
        return true;
      }
    }
    return false;
  }

  private static Integer partition(StatefulSetUpdateStrategy strategy) {
    if (strategy == null || strategy.getRollingUpdate() == null) {
      return null;
    }
    // OnDelete has no partition; its completion is the revision check, as for RollingUpdate
    // without one.
    if (strategy.getType() != null && !"RollingUpdate".equals(strategy.getType())) {
      return null;
    }
    return strategy.getRollingUpdate().getPartition();
  }

  private static boolean observed(Long generation, Long observedGeneration) {
    return n(observedGeneration) >= n(generation);
  }

  private static int replicas(Integer specReplicas) {
    return specReplicas == null ? 1 : specReplicas;
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }

  private static long n(Long value) {
    return value == null ? 0 : value;
  }
}
