package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a pod that crash-loops, so that a wait for a rollout fails at once instead of waiting
 * out its deadline for a pod that will never become Ready. The rule, on each container that is not
 * ready:
 *
 * <ol>
 *   <li>it waits with reason {@code CrashLoopBackOff} and has restarted at least {@value
 *       #BACKOFF_RESTARTS} times (one exit may be an OOM or a node hiccup; the second at start is
 *       the image), or
 *   <li>it has restarted at least {@value #RESTARTS} times, whatever it is doing right now (between
 *       back-offs it shows Running for a moment).
 * </ol>
 *
 * A ready container is never a crash loop, however many restarts it has behind it.
 */
public final class CrashLoops {
  /** Restarts that, with the container waiting in CrashLoopBackOff, make a crash loop. */
  public static final int BACKOFF_RESTARTS = 2;

  /** Restarts that make a crash loop whatever the container's state. */
  public static final int RESTARTS = 3;

  private static final String BACKOFF = "CrashLoopBackOff";

  private CrashLoops() {}

  /** The first of {@code pods} that crash-loops, as a non-retryable failure; else empty. */
  public static Optional<ApplicationFailure> find(String workload, List<Pod> pods) {
    for (Pod pod : pods) {
      if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
        continue;
      }
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue; // going away: a rollout replaces it
      }
      for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
        if (crashLoops(c)) {
          return Optional.of(failure(workload, pod, c));
        }
      }
    }
    return Optional.empty();
  }

  static boolean crashLoops(ContainerStatus c) {
    if (Boolean.TRUE.equals(c.getReady())) {
      return false;
    }
    int restarts = c.getRestartCount() == null ? 0 : c.getRestartCount();
    boolean backingOff =
        c.getState() != null
            && c.getState().getWaiting() != null
            && BACKOFF.equals(c.getState().getWaiting().getReason());
    return restarts >= RESTARTS || (backingOff && restarts >= BACKOFF_RESTARTS);
  }

  private static ApplicationFailure failure(String workload, Pod pod, ContainerStatus c) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    return Failures.nonRetryable(
        ("%s: pod %s crash-loops: container %s (image %s) restarted %d times without becoming"
                + " ready; %s. Waiting longer cannot help: the image does not start. Read why"
                + " with `kubectl logs -n %s %s -c %s --previous`, then fix the image or its"
                + " configuration")
            .formatted(
                workload,
                name,
                c.getName(),
                c.getImage(),
                c.getRestartCount() == null ? 0 : c.getRestartCount(),
                lastExit(c),
                ns,
                name,
                c.getName()),
        FailureTypes.POD_CRASH_LOOP);
  }

  /** "last exit: code 1 (Error: ...)" from the container's last termination, if it reported one. */
  static String lastExit(ContainerStatus c) {
    ContainerStateTerminated t = c.getLastState() == null ? null : c.getLastState().getTerminated();
    if (t == null) {
      return "no last exit reported";
    }
    StringBuilder s = new StringBuilder("last exit: code ").append(t.getExitCode());
    if (t.getReason() != null || t.getMessage() != null) {
      s.append(" (").append(t.getReason() == null ? "" : t.getReason());
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        s.append(t.getReason() == null ? "" : ": ").append(t.getMessage().strip());
      }
      s.append(")");
    }
    return s.toString();
  }
}
