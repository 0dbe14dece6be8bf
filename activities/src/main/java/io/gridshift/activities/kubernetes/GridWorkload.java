package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Infinispan grid's workload, a StatefulSet or an OpenShift DeploymentConfig, seen through what
 * the upgrade reads of both: pod template, pod selector, replica numbers. The kind's differences
 * live here (and in {@link TargetManifests} and {@link RolloutRules}), not in the steps that use
 * it.
 *
 * @param kind which kind
 * @param object the object as read
 * @param template its pod template
 * @param selector its pod selector ({@code spec.selector.matchLabels}, or a DeploymentConfig's
 *     {@code spec.selector}); empty when absent
 * @param replicas desired replicas (1 when unset, the API server's default)
 * @param readyReplicas ready replicas now
 * @param minReadySeconds minReadySeconds (0 when unset)
 */
record GridWorkload(
    WorkloadKind kind,
    HasMetadata object,
    PodTemplateSpec template,
    Map<String, String> selector,
    int replicas,
    int readyReplicas,
    int minReadySeconds) {

  static GridWorkload of(StatefulSet sts) {
    var spec = sts.getSpec();
    Map<String, String> selector =
        spec.getSelector() == null || spec.getSelector().getMatchLabels() == null
            ? Map.of()
            : new LinkedHashMap<>(spec.getSelector().getMatchLabels());
    return new GridWorkload(
        WorkloadKind.STATEFULSET,
        sts,
        spec.getTemplate(),
        selector,
        orDefault(spec.getReplicas(), 1),
        sts.getStatus() == null ? 0 : orDefault(sts.getStatus().getReadyReplicas(), 0),
        orDefault(spec.getMinReadySeconds(), 0));
  }

  static GridWorkload of(DeploymentConfig dc) {
    var spec = dc.getSpec();
    return new GridWorkload(
        WorkloadKind.DEPLOYMENT_CONFIG,
        dc,
        spec.getTemplate(),
        spec.getSelector() == null ? Map.of() : new LinkedHashMap<>(spec.getSelector()),
        orDefault(spec.getReplicas(), 1),
        dc.getStatus() == null ? 0 : orDefault(dc.getStatus().getReadyReplicas(), 0),
        orDefault(spec.getMinReadySeconds(), 0));
  }

  /** Its name. */
  String name() {
    return object.getMetadata().getName();
  }

  /** "StatefulSet ns/name" or "DeploymentConfig ns/name", for messages. */
  String describe() {
    return kind.display() + " " + Edits.qualifiedName(object);
  }

  /**
   * The grid {@code name} in the cluster's namespace, as a StatefulSet or a DeploymentConfig; a
   * GridNotFound failure listing the grids that exist when it is neither, and an invalid-request
   * failure when both kinds carry the name (gridshift cannot tell which one clients use).
   */
  static GridWorkload require(KubernetesClient client, ClusterRef cluster, String name) {
    String ns = cluster.namespace();
    StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName(name).get();
    DeploymentConfig dc = sameNamedDeploymentConfig(client, ns, name, sts != null);
    if (sts != null && dc != null) {
      throw Failures.invalidRequest(
          ("both a StatefulSet and a DeploymentConfig are named %s/%s in cluster %s; gridshift"
                  + " cannot tell which one is the grid: rename or delete the one that is not"
                  + " (kubectl get statefulset,deploymentconfig -n %s)")
              .formatted(ns, name, cluster.cluster(), ns));
    }
    if (sts != null) {
      return of(sts);
    }
    if (dc != null) {
      return of(dc);
    }
    throw notFound(client, cluster, name);
  }

  /**
   * The DeploymentConfig {@code name}, or null. When a StatefulSet of that name was found, the
   * look-up only guards against an ambiguous name, so an agent whose Role predates
   * DeploymentConfigs (403) still upgrades its StatefulSets; without one, the 403 says which rule
   * is missing.
   */
  private static DeploymentConfig sameNamedDeploymentConfig(
      KubernetesClient client, String ns, String name, boolean statefulSetFound) {
    try {
      return deploymentConfigs(client, ns, name).get();
    } catch (KubernetesClientException e) {
      if (statefulSetFound && e.getCode() == 403) {
        return null;
      }
      throw e;
    }
  }

  /** The existing workload {@code name} of {@code kind}, or null. */
  static GridWorkload find(KubernetesClient client, String ns, WorkloadKind kind, String name) {
    return switch (kind) {
      case STATEFULSET -> {
        StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName(name).get();
        yield sts == null ? null : of(sts);
      }
      case DEPLOYMENT_CONFIG -> {
        DeploymentConfig dc = deploymentConfigs(client, ns, name).get();
        yield dc == null ? null : of(dc);
      }
      case DEPLOYMENT ->
          throw new IllegalArgumentException("an Infinispan grid is never a Deployment");
    };
  }

  /** The DeploymentConfig {@code name}'s resource (apps.openshift.io/v1). */
  static Resource<DeploymentConfig> deploymentConfigs(
      KubernetesClient client, String ns, String name) {
    return client.adapt(OpenShiftClient.class).deploymentConfigs().inNamespace(ns).withName(name);
  }

  private static RuntimeException notFound(
      KubernetesClient client, ClusterRef cluster, String name) {
    String ns = cluster.namespace();
    List<String> statefulSets =
        client.apps().statefulSets().inNamespace(ns).list().getItems().stream()
            .map(s -> s.getMetadata().getName())
            .sorted()
            .toList();
    List<String> configs =
        listDeploymentConfigs(client, ns).stream()
            .map(d -> d.getMetadata().getName())
            .sorted()
            .toList();
    List<String> found = new ArrayList<>();
    if (!statefulSets.isEmpty()) {
      found.add("StatefulSets in " + ns + ": " + String.join(", ", statefulSets));
    }
    if (!configs.isEmpty()) {
      found.add("DeploymentConfigs in " + ns + ": " + String.join(", ", configs));
    }
    // An empty namespace most often means a wrong namespace (or cluster), not a wrong grid name.
    String existing =
        found.isEmpty()
            ? "namespace " + ns + " has no StatefulSets at all: check cluster.namespace too"
            : String.join("; ", found);
    return Failures.gridNotFound(
        ("StatefulSet %s/%s not found in cluster %s; check the grid name (kubectl get"
                + " statefulsets -n %s); %s; on OpenShift the grid may be a DeploymentConfig"
                + " (oc get dc -n %s), none has that name either")
            .formatted(ns, name, cluster.cluster(), ns, existing, ns));
  }

  /**
   * The namespace's DeploymentConfigs, for a message only: none where the API does not serve them
   * (plain Kubernetes answers 404 for apps.openshift.io) or the agent may not list them (403).
   */
  private static List<DeploymentConfig> listDeploymentConfigs(KubernetesClient client, String ns) {
    try {
      return client
          .adapt(OpenShiftClient.class)
          .deploymentConfigs()
          .inNamespace(ns)
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 403) {
        return List.of();
      }
      throw e;
    }
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
