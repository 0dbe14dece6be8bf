package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' "forced rollback" of a StatefulSet: with the default OrderedReady policy the
 * controller waits for a pod that never becomes Ready (a bad image, a member that cannot join)
 * forever, even after the template is reverted, so the pods it already moved to the bad revision
 * must be deleted by hand. This does that, and nothing more: only pods that are not Ready, not
 * terminating and not on the (reverted) update revision. A Ready pod is left to the paced roll.
 */
final class StuckPods {
  static final String REVISION_LABEL = "controller-revision-hash";
  private static final Logger LOG = LoggerFactory.getLogger(StuckPods.class);

  private final KubernetesClient client;

  StuckPods(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Deletes the stuck pods of {@code sts} (gracefully: its grace period applies) and returns their
   * names; fails retryably while the controller has not yet seen the latest template, because until
   * then its update revision still names the bad one.
   */
  List<String> delete(StatefulSet sts, String describe) {
    Long generation = sts.getMetadata().getGeneration();
    var status = sts.getStatus();
    if (status == null || status.getUpdateRevision() == null) {
      return List.of();
    }
    if (generation != null
        && status.getObservedGeneration() != null
        && status.getObservedGeneration() < generation) {
      throw Failures.retryable(
          describe + ": the controller has not yet seen the reverted template; retrying",
          FailureTypes.ROLLOUT_NOT_DONE);
    }
    String updateRevision = status.getUpdateRevision();
    List<Pod> stuck =
        client
            .pods()
            .inNamespace(sts.getMetadata().getNamespace())
            .withLabels(sts.getSpec().getSelector().getMatchLabels())
            .list()
            .getItems()
            .stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .filter(p -> !isReady(p))
            .filter(p -> !Objects.equals(revision(p), updateRevision))
            .toList();
    for (Pod pod : stuck) {
      LOG.warn(
          "{}: deleting pod {} (revision {}, not Ready) so that it comes back on {}",
          describe,
          pod.getMetadata().getName(),
          revision(pod),
          updateRevision);
      client.pods().resource(pod).delete();
    }
    return stuck.stream().map(p -> p.getMetadata().getName()).toList();
  }

  private static String revision(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(REVISION_LABEL);
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
