package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** How the sandbox's controllers read pods: the predicates the real controllers use. */
final class Pods {
  private Pods() {}

  static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  static boolean isTerminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  static boolean isFailed(Pod pod) {
    return "Failed".equals(phase(pod)) || "Succeeded".equals(phase(pod));
  }

  static boolean isRunningAndReady(Pod pod) {
    return "Running".equals(phase(pod)) && readyCondition(pod).isPresent();
  }

  /**
   * Ready for at least {@code minReadySeconds} (the Ready condition's lastTransitionTime), as
   * Kubernetes counts an available pod.
   */
  static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isRunningAndReady(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    Instant since = parseTime(readyCondition(pod).get().getLastTransitionTime());
    return since != null && !since.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
  }

  /** Running, ready, available and not on its way out. */
  static boolean isHealthy(Pod pod, int minReadySeconds, Instant now) {
    return !isTerminating(pod) && isAvailable(pod, minReadySeconds, now);
  }

  private static Optional<PodCondition> readyCondition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  /** The uid of the object that controls {@code pod} if it is of {@code kind}, else null. */
  static String controllerUid(HasMetadata object, String kind) {
    if (object.getMetadata().getOwnerReferences() == null) {
      return null;
    }
    return object.getMetadata().getOwnerReferences().stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()) && kind.equals(o.getKind()))
        .map(OwnerReference::getUid)
        .findFirst()
        .orElse(null);
  }

  /** The controller owner reference a workload puts on the pods it creates. */
  static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  static String label(Pod pod, String key) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(key);
  }

  /** The API's time format; milliseconds kept so minReadySeconds can be honoured closely. */
  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  static Instant parseTime(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String key(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }
}
