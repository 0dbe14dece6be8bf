package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.time.Instant;
import java.util.List;

/** A StatefulSet's status as Kubernetes computes it from its pods. */
final class StatefulSetStatuses {
  private StatefulSetStatuses() {}

  /**
   * Counts pods the way {@code computeReplicaStatus} does; the current revision becomes the update
   * revision once a RollingUpdate has every replica updated and ready.
   */
  static StatefulSetStatus compute(
      StatefulSet sts, StatefulSetPlanner.Spec spec, List<Pod> pods, Instant now) {
    int replicas = 0;
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (Pod pod : pods) {
      replicas++;
      if (Pods.isRunningAndReady(pod)) {
        ready++;
      }
      if (Pods.isAvailable(pod, spec.minReadySeconds(), now)) {
        available++;
      }
      if (!Pods.isTerminating(pod)) {
        String revision = StatefulSetPlanner.revision(pod);
        current += spec.currentRevision().equals(revision) ? 1 : 0;
        updated += spec.updateRevision().equals(revision) ? 1 : 0;
      }
    }
    String currentRevision = spec.currentRevision();
    if (spec.rollingUpdate()
        && updated == spec.replicas()
        && ready == spec.replicas()
        && replicas == spec.replicas()) {
      currentRevision = spec.updateRevision();
      current = updated;
    }
    return new StatefulSetStatusBuilder()
        .withObservedGeneration(sts.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .withCurrentReplicas(current)
        .withUpdatedReplicas(updated)
        .withCurrentRevision(currentRevision)
        .withUpdateRevision(spec.updateRevision())
        .withCollisionCount(0)
        .build();
  }
}
