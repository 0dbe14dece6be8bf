package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The Deployment controller's decision for one pass, without side effects (after Kubernetes' {@code
 * rolling.go} and {@code recreate.go}, with pods in place of ReplicaSets). "Active" pods are those
 * not terminating; "new" pods carry the template's hash.
 *
 * <p>RollingUpdate:
 *
 * <ol>
 *   <li>Scale up: create new pods while fewer than {@code replicas} are new and the active pods
 *       stay within {@code replicas + maxSurge}.
 *   <li>Scale down: old pods that are not available go first (they cost no availability), then old
 *       available pods, as long as the available pods stay at or above {@code replicas -
 *       maxUnavailable}; new pods above {@code replicas} (a scale-down) go too.
 * </ol>
 *
 * Recreate: delete every old pod, wait until none is left (terminating included), then create the
 * new ones.
 */
final class DeploymentPlanner {
  static final String HASH_LABEL = "pod-template-hash";

  /** What the Deployment asks for in this pass. */
  record Spec(
      int replicas,
      boolean recreate,
      int maxSurge,
      int maxUnavailable,
      int minReadySeconds,
      boolean paused,
      String hash) {}

  /** The pass's actions: how many new pods to create, which pods to delete. */
  record Plan(int creates, List<Pod> deletes) {}

  private DeploymentPlanner() {}

  static Plan plan(Spec spec, List<Pod> pods, Instant now) {
    return plan(spec, pods, now, DeploymentPlanner::hash);
  }

  /**
   * The same decision where a pod's revision is read by {@code revision} (a DeploymentConfig's pods
   * carry their version in a label of their own) and {@code spec.hash()} is the revision to roll
   * to.
   */
  static Plan plan(Spec spec, List<Pod> pods, Instant now, Function<Pod, String> revision) {
    if (spec.paused()) {
      return new Plan(0, List.of());
    }
    List<Pod> active = pods.stream().filter(p -> !Pods.isTerminating(p)).toList();
    List<Pod> fresh = active.stream().filter(p -> spec.hash().equals(revision.apply(p))).toList();
    List<Pod> old = active.stream().filter(p -> !spec.hash().equals(revision.apply(p))).toList();
    return spec.recreate()
        ? recreate(spec, pods, fresh, old, revision)
        : rolling(spec, active, fresh, old, now);
  }

  private static Plan recreate(
      Spec spec, List<Pod> all, List<Pod> fresh, List<Pod> old, Function<Pod, String> revision) {
    if (!old.isEmpty()) {
      return new Plan(0, old);
    }
    boolean oldStillStopping = all.stream().anyMatch(p -> !spec.hash().equals(revision.apply(p)));
    if (oldStillStopping) {
      return new Plan(0, List.of());
    }
    return new Plan(Math.max(0, spec.replicas() - fresh.size()), surplus(fresh, spec.replicas()));
  }

  private static Plan rolling(
      Spec spec, List<Pod> active, List<Pod> fresh, List<Pod> old, Instant now) {
    int creates = 0;
    if (fresh.size() < spec.replicas()) {
      int room = spec.replicas() + spec.maxSurge() - active.size();
      creates = Math.max(0, Math.min(spec.replicas() - fresh.size(), room));
    }
    List<Pod> deletes = new ArrayList<>(surplus(fresh, spec.replicas()));
    int minAvailable = spec.replicas() - spec.maxUnavailable();
    long available = active.stream().filter(p -> available(spec, p, now)).count();
    long freshUnavailable = fresh.stream().filter(p -> !available(spec, p, now)).count();
    long maxScaledDown = active.size() - minAvailable - freshUnavailable;
    // Unavailable old pods first: removing them costs no availability.
    for (Pod pod : old) {
      if (maxScaledDown <= 0) {
        break;
      }
      if (!available(spec, pod, now)) {
        deletes.add(pod);
        maxScaledDown--;
      }
    }
    long canRemoveAvailable = available - minAvailable;
    for (Pod pod : old) {
      if (canRemoveAvailable <= 0) {
        break;
      }
      if (available(spec, pod, now)) {
        deletes.add(pod);
        canRemoveAvailable--;
      }
    }
    return new Plan(creates, deletes);
  }

  /** New pods above {@code replicas}: not-ready ones first, then the youngest. */
  private static List<Pod> surplus(List<Pod> fresh, int replicas) {
    if (fresh.size() <= replicas) {
      return List.of();
    }
    return fresh.stream()
        .sorted(
            Comparator.comparing((Pod p) -> Pods.isRunningAndReady(p))
                .thenComparing(
                    p -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()))
        .limit(fresh.size() - replicas)
        .toList();
  }

  private static boolean available(Spec spec, Pod pod, Instant now) {
    return Pods.isAvailable(pod, spec.minReadySeconds(), now);
  }

  static String hash(Pod pod) {
    return Pods.label(pod, HASH_LABEL);
  }

  /**
   * Resolves maxSurge or maxUnavailable against {@code replicas}: an int as is, a percentage
   * rounded up for surge and down for unavailability, as Kubernetes does.
   */
  static int resolve(IntOrString value, int replicas, boolean roundUp, String fallback) {
    IntOrString v = value == null ? new IntOrString(fallback) : value;
    if (v.getIntVal() != null) {
      return v.getIntVal();
    }
    String text = v.getStrVal().trim();
    if (!text.endsWith("%")) {
      return Integer.parseInt(text);
    }
    double percent = Integer.parseInt(text.substring(0, text.length() - 1)) * replicas / 100.0;
    return (int) (roundUp ? Math.ceil(percent) : Math.floor(percent));
  }
}
