package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.Failures;
import io.gridshift.activities.kubernetes.WorkloadOwnership;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.WorkloadOwner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A StatefulSet or Deployment reduced to what Hazelcast activities read: one shape for both kinds.
 *
 * @param ref what was asked for
 * @param replicas desired replicas (1 when unset, as Kubernetes defaults it)
 * @param readyReplicas ready replicas now
 * @param template the pod template
 * @param selector {@code spec.selector.matchLabels}
 * @param strategyType update strategy type (Kubernetes' default RollingUpdate when unset)
 * @param partition StatefulSet partition, 0 when unset
 * @param maxUnavailable Deployment rollingUpdate.maxUnavailable as written (null: default)
 * @param maxSurge Deployment rollingUpdate.maxSurge as written (null: default)
 * @param updateRevision StatefulSet {@code status.updateRevision}: the revision of the template
 *     pods are replaced with (null: a Deployment, or no controller has written a status)
 * @param templateObserved whether the controller has seen the latest spec ({@code
 *     status.observedGeneration >= metadata.generation}; true when either is unknown)
 * @param claimedBy the upgrade holding the workload (annotation {@code gridshift.io/upgrade}), or
 *     null
 * @param owner the tool that manages the workload ({@link WorkloadOwnership}), or null
 */
record Workload(
    WorkloadRef ref,
    int replicas,
    int readyReplicas,
    PodTemplateSpec template,
    Map<String, String> selector,
    String strategyType,
    int partition,
    IntOrString maxUnavailable,
    IntOrString maxSurge,
    String updateRevision,
    boolean templateObserved,
    String claimedBy,
    WorkloadOwner owner) {

  /** Reads {@code ref}, or fails with GridNotFound listing the workloads of its namespace. */
  static Workload read(KubernetesClient client, WorkloadRef ref) {
    String ns = ref.cluster().namespace();
    if (ref.kind() == WorkloadKind.DEPLOYMENT_CONFIG) {
      // Its pod names and rollout differ from both kinds the Hazelcast roll knows; not built yet.
      throw Failures.invalidRequest(
          ("DeploymentConfig %s/%s: gridshift upgrades Hazelcast grids that run as a StatefulSet"
                  + " or a Deployment, not as an OpenShift DeploymentConfig; move the grid to a"
                  + " StatefulSet first, or upgrade it by hand")
              .formatted(ns, ref.name()));
    }
    if (ref.kind() == WorkloadKind.STATEFULSET) {
      StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName(ref.name()).get();
      return of(ref, require(client, ref, sts));
    }
    Deployment deployment = client.apps().deployments().inNamespace(ns).withName(ref.name()).get();
    return of(ref, require(client, ref, deployment));
  }

  static Workload of(WorkloadRef ref, StatefulSet sts) {
    StatefulSetUpdateStrategy strategy = sts.getSpec().getUpdateStrategy();
    Integer partition =
        strategy == null || strategy.getRollingUpdate() == null
            ? null
            : strategy.getRollingUpdate().getPartition();
    return new Workload(
        ref,
        orDefault(sts.getSpec().getReplicas(), 1),
        sts.getStatus() == null ? 0 : orDefault(sts.getStatus().getReadyReplicas(), 0),
        sts.getSpec().getTemplate(),
        matchLabels(sts.getSpec().getSelector()),
        strategy == null || strategy.getType() == null ? "RollingUpdate" : strategy.getType(),
        orDefault(partition, 0),
        null,
        null,
        sts.getStatus() == null ? null : sts.getStatus().getUpdateRevision(),
        observed(sts.getMetadata().getGeneration(), sts.getStatus()),
        claimedBy(sts),
        WorkloadOwnership.of(sts));
  }

  private static boolean observed(Long generation, StatefulSetStatus status) {
    return generation == null
        || status == null
        || status.getObservedGeneration() == null
        || status.getObservedGeneration() >= generation;
  }

  static Workload of(WorkloadRef ref, Deployment deployment) {
    DeploymentStrategy strategy = deployment.getSpec().getStrategy();
    boolean rolling = strategy == null || strategy.getRollingUpdate() != null;
    return new Workload(
        ref,
        orDefault(deployment.getSpec().getReplicas(), 1),
        deployment.getStatus() == null
            ? 0
            : orDefault(deployment.getStatus().getReadyReplicas(), 0),
        deployment.getSpec().getTemplate(),
        matchLabels(deployment.getSpec().getSelector()),
        strategy == null || strategy.getType() == null ? "RollingUpdate" : strategy.getType(),
        0,
        rolling && strategy != null ? strategy.getRollingUpdate().getMaxUnavailable() : null,
        rolling && strategy != null ? strategy.getRollingUpdate().getMaxSurge() : null,
        null,
        true,
        claimedBy(deployment),
        WorkloadOwnership.of(deployment));
  }

  private static String claimedBy(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ClaimRequest.ANNOTATION);
  }

  /** "StatefulSet ns/name", for messages. */
  String describe() {
    return describe(ref);
  }

  static String describe(WorkloadRef ref) {
    String kind = ref.kind() == WorkloadKind.STATEFULSET ? "StatefulSet" : "Deployment";
    return kind + " " + ref.cluster().namespace() + "/" + ref.name();
  }

  private static <T> T require(KubernetesClient client, WorkloadRef ref, T workload) {
    if (workload != null) {
      return workload;
    }
    String ns = ref.cluster().namespace();
    List<String> existing = new ArrayList<>();
    client.apps().statefulSets().inNamespace(ns).list().getItems().stream()
        .map(s -> "StatefulSet " + name(s))
        .forEach(existing::add);
    client.apps().deployments().inNamespace(ns).list().getItems().stream()
        .map(d -> "Deployment " + name(d))
        .forEach(existing::add);
    String kind = ref.kind() == WorkloadKind.STATEFULSET ? "statefulsets" : "deployments";
    throw Failures.gridNotFound(
        "%s not found in cluster %s; check the name and kind (kubectl get %s -n %s); workloads in %s: %s"
            .formatted(
                describe(ref),
                ref.cluster().cluster(),
                kind,
                ns,
                ns,
                existing.isEmpty() ? "none" : String.join(", ", existing)));
  }

  private static String name(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    return meta == null ? "?" : meta.getName();
  }

  private static Map<String, String> matchLabels(LabelSelector selector) {
    if (selector == null || selector.getMatchLabels() == null) {
      return Map.of();
    }
    return new LinkedHashMap<>(selector.getMatchLabels());
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
