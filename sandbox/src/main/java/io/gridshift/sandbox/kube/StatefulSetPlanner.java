package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The StatefulSet controller's decision for one pass, without side effects (after Kubernetes'
 * {@code stateful_set_control.go}). With {@code OrderedReady} ("monotonic") at most one pod is
 * created or deleted per pass and every step waits for the one before:
 *
 * <ol>
 *   <li>For ordinals 0..replicas-1 in order: create a missing pod (revision: the current one below
 *       the partition, else the update revision) and wait for it; wait for a terminating pod to be
 *       gone; replace a failed pod whose revision is outdated; wait until each pod is Running,
 *       Ready and available (minReadySeconds).
 *   <li>Scale down: delete pods with ordinal >= replicas, highest first, one at a time.
 *   <li>OnDelete stops here. RollingUpdate: from the highest ordinal down to the partition, delete
 *       the first pod not on the update revision (step 1 recreates it on the new one), and stop at
 *       the first updated pod that is not yet healthy (ready for minReadySeconds).
 * </ol>
 *
 * A failed pod on the wanted revision is kept (not deleted and recreated in a loop, as Kubernetes
 * would): its status message stays visible and it blocks the rollout until the template changes or
 * someone deletes it.
 */
final class StatefulSetPlanner {
  static final String REVISION_LABEL = "controller-revision-hash";

  /** What the StatefulSet asks for in this pass. */
  record Spec(
      int replicas,
      int partition,
      boolean rollingUpdate,
      boolean monotonic,
      int minReadySeconds,
      String currentRevision,
      String updateRevision) {}

  /** A pod to create. */
  record Create(int ordinal, String revision) {}

  /** The pass's actions. */
  record Plan(List<Create> creates, List<Pod> deletes) {
    boolean isEmpty() {
      return creates.isEmpty() && deletes.isEmpty();
    }
  }

  private StatefulSetPlanner() {}

  /**
   * @param pods the StatefulSet's pods by ordinal (every ordinal, also those >= replicas)
   */
  static Plan plan(Spec spec, Map<Integer, Pod> pods, Instant now) {
    List<Create> creates = new ArrayList<>();
    List<Pod> deletes = new ArrayList<>();
    Plan plan = new Plan(creates, deletes);
    if (!createAndHeal(spec, pods, now, creates, deletes) || !scaleDown(spec, pods, deletes)) {
      return plan;
    }
    if (spec.rollingUpdate() && deletes.isEmpty() && creates.isEmpty()) {
      rollingUpdate(spec, pods, now, deletes);
    }
    return plan;
  }

  /** Step 1; false when the pass must stop here. */
  private static boolean createAndHeal(
      Spec spec, Map<Integer, Pod> pods, Instant now, List<Create> creates, List<Pod> deletes) {
    for (int ordinal = 0; ordinal < spec.replicas(); ordinal++) {
      Pod pod = pods.get(ordinal);
      String wanted = revisionFor(spec, ordinal);
      if (pod == null) {
        creates.add(new Create(ordinal, wanted));
        if (spec.monotonic()) {
          return false;
        }
      } else if (Pods.isTerminating(pod)) {
        if (spec.monotonic()) {
          return false;
        }
      } else if (Pods.isFailed(pod)) {
        if (!Objects.equals(revision(pod), wanted)) {
          deletes.add(pod);
        }
        if (spec.monotonic()) {
          return false;
        }
      } else if (spec.monotonic() && !Pods.isAvailable(pod, spec.minReadySeconds(), now)) {
        return false;
      }
    }
    return true;
  }

  /** Step 2; false when the pass must stop here. */
  private static boolean scaleDown(Spec spec, Map<Integer, Pod> pods, List<Pod> deletes) {
    List<Integer> condemned =
        pods.keySet().stream().filter(o -> o >= spec.replicas()).sorted((a, b) -> b - a).toList();
    for (int ordinal : condemned) {
      Pod pod = pods.get(ordinal);
      if (!Pods.isTerminating(pod)) {
        deletes.add(pod);
      }
      if (spec.monotonic()) {
        return false;
      }
    }
    return true;
  }

  /** Step 3. */
  private static void rollingUpdate(
      Spec spec, Map<Integer, Pod> pods, Instant now, List<Pod> deletes) {
    for (int ordinal = spec.replicas() - 1; ordinal >= spec.partition(); ordinal--) {
      Pod pod = pods.get(ordinal);
      if (pod == null) {
        return;
      }
      if (!spec.updateRevision().equals(revision(pod)) && !Pods.isTerminating(pod)) {
        deletes.add(pod);
        return;
      }
      if (!Pods.isHealthy(pod, spec.minReadySeconds(), now)) {
        return;
      }
    }
  }

  /** Pods below the partition keep the current revision (RollingUpdate only), like Kubernetes. */
  static String revisionFor(Spec spec, int ordinal) {
    return spec.rollingUpdate() && ordinal < spec.partition()
        ? spec.currentRevision()
        : spec.updateRevision();
  }

  static String revision(Pod pod) {
    return Pods.label(pod, REVISION_LABEL);
  }
}
