package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridshift.activities.Failures;
import io.gridshift.activities.KubernetesForbidden;
import io.gridshift.activities.kubernetes.CrashLoops;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a cluster may lose its next member:
 *
 * <ol>
 *   <li>list the workload's pods and take a snapshot of their members;
 *   <li>heartbeat the snapshot (a cancelled activity stops here: the heartbeat throws);
 *   <li>a pod that crash-loops ({@link CrashLoops}) fails the wait at once, non-retryably;
 *   <li>done when {@link ClusterSnapshot#safe(int)} holds (sizes, cluster-safe, migrations, and one
 *       member set: a member alone or in another cluster also says "safe"), the workload's {@code
 *       status.readyReplicas} has caught up with its pods, and, when asked, the given pod has been
 *       replaced with the StatefulSet's latest template (its {@code controller-revision-hash} is
 *       the {@code status.updateRevision}), is Ready and its member runs the given version. The
 *       revision matters when the template changed but the version did not (the safe settings): the
 *       old pod is Ready on that version too, and only its revision says it was not replaced;
 *   <li>otherwise sleep the poll interval and repeat, until the timeout: then fail, not retried
 *       (the timeout is the wait's budget), saying which member is not safe and why.
 * </ol>
 */
final class SafeWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(SafeWaiter.class);
  static final String REVISION_LABEL = "controller-revision-hash";

  private final HazelcastMembers members;
  private final ClusterProbe probe;
  private final Duration pollInterval;

  SafeWaiter(HazelcastMembers members, ClusterProbe probe, Duration pollInterval) {
    this.members = members;
    this.probe = probe;
    this.pollInterval = pollInterval;
  }

  ClusterSnapshot await(SafeWaitRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    long deadline = System.nanoTime() + Duration.ofSeconds(request.timeoutSeconds()).toNanos();
    String describe = Workload.describe(request.endpoint().workload());
    List<String> problems = List.of("no reading yet");
    while (true) {
      try {
        HazelcastMembers.Listing listing = members.list(request.endpoint());
        ClusterSnapshot snapshot = probe.snapshot(request.endpoint(), listing);
        context.heartbeat(snapshot);
        Optional<ApplicationFailure> crashLoop = CrashLoops.find(describe, listing.pods());
        if (crashLoop.isPresent()) {
          // A member whose image does not start never gets safe: holding on until the timeout
          // would only delay the person's decision (the roll is held by the partition meanwhile).
          throw crashLoop.get();
        }
        problems = problems(request, snapshot, listing);
        if (problems.isEmpty()) {
          LOG.info("{}: {} members safe", describe, request.replicas());
          return snapshot;
        }
        LOG.debug("{}: not safe yet: {}", describe, problems);
      } catch (KubernetesClientException e) {
        // A Kubernetes API blip must not fail a wait of minutes; a missing workload or RBAC rule
        // still fails at once.
        KubernetesForbidden.rethrowIfForbidden(e);
        problems = List.of("cannot list its pods: " + e.getMessage());
      }
      if (System.nanoTime() >= deadline) {
        // The wait's own deadline is its budget: not retried (its attempts are for worker deaths).
        throw Failures.nonRetryable(
            "%s: cluster not safe after %d s: %s; check the members' logs and `kubectl get pods`"
                .formatted(describe, request.timeoutSeconds(), String.join("; ", problems)),
            FailureTypes.CLUSTER_NOT_SAFE);
      }
      sleep();
    }
  }

  /** Why the cluster is not yet safe for {@code request}; empty when it is. */
  static List<String> problems(
      SafeWaitRequest request, ClusterSnapshot snapshot, HazelcastMembers.Listing listing) {
    int replicas = request.replicas();
    // The members' own verdict is the one pure decision the preflight also reads; Kubernetes'
    // view of the pods is added here, where it is known.
    List<String> problems = new ArrayList<>(snapshot.problems(replicas));
    // The workload's own count follows the pods a moment later; the preflight and `kubectl
    // rollout status` read it, so the wait is not over until it has caught up.
    Workload workload = listing.workload();
    if (workload.readyReplicas() < replicas) {
      problems.add(
          "%s counts %d of %d pods ready (status.readyReplicas)"
              .formatted(workload.describe(), workload.readyReplicas(), replicas));
    }
    if (request.pod() != null) {
      podProblem(request, snapshot, listing).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<String> podProblem(
      SafeWaitRequest request, ClusterSnapshot snapshot, HazelcastMembers.Listing listing) {
    Pod pod =
        listing.pods().stream()
            .filter(p -> request.pod().equals(p.getMetadata().getName()))
            .findFirst()
            .orElse(null);
    if (pod == null) {
      return Optional.of("pod " + request.pod() + " does not exist (yet)");
    }
    Optional<String> notReplaced = notReplaced(pod, listing.workload());
    if (notReplaced.isPresent()) {
      return notReplaced;
    }
    if (!isReady(pod)) {
      return Optional.of("pod " + request.pod() + " is not Ready" + waitingReason(pod));
    }
    if (request.version() == null) {
      return Optional.empty();
    }
    String version =
        snapshot.members().stream()
            .filter(m -> request.pod().equals(m.pod()))
            .map(MemberHealth::version)
            .findFirst()
            .orElse(null);
    return Objects.equals(version, request.version())
        ? Optional.empty()
        : Optional.of(
            "pod %s runs version %s, not %s".formatted(request.pod(), version, request.version()));
  }

  /** Why {@code pod} is not yet on the StatefulSet's latest template, if it is not. */
  private static Optional<String> notReplaced(Pod pod, Workload workload) {
    if (workload.updateRevision() == null) {
      return Optional.empty();
    }
    String name = pod.getMetadata().getName();
    if (!workload.templateObserved()) {
      return Optional.of(
          "the StatefulSet controller has not yet seen the latest template, so "
              + name
              + " may not have been replaced");
    }
    Map<String, String> labels = pod.getMetadata().getLabels();
    String revision = labels == null ? null : labels.get(REVISION_LABEL);
    if (revision == null || revision.equals(workload.updateRevision())) {
      return Optional.empty();
    }
    return Optional.of(
        "pod %s still has revision %s, not the template's %s (not replaced yet)"
            .formatted(name, revision, workload.updateRevision()));
  }

  /** " (ErrImagePull: ...)" when a container waits for a reason, else "". */
  private static String waitingReason(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return "";
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting())
        .filter(w -> w.getReason() != null)
        .map(
            w -> " (" + w.getReason() + (w.getMessage() == null ? "" : ": " + w.getMessage()) + ")")
        .findFirst()
        .orElse("");
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }
}
