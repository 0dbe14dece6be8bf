package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Does a Service select exactly a grid's pods? The upgrade switches that Service's selector and
 * later puts it back; a Service that also (or only) selects other pods would move another grid's
 * clients, or the upgrade's own compensation would steer clients to a grid it does not know.
 *
 * <ol>
 *   <li>the selector is not empty and the grid's pod template carries every label of it (so every
 *       pod of the grid is selected, including pods not created yet);
 *   <li>no other StatefulSet, Deployment (or, for a DeploymentConfig grid, DeploymentConfig) in the
 *       namespace has a pod template it selects;
 *   <li>every pod it selects now belongs to the grid (controller owner reference, or, without one,
 *       the grid's own selector labels).
 * </ol>
 */
final class ServiceSelection {
  /** The annotation OpenShift writes on a DeploymentConfig's pods: the DeploymentConfig's name. */
  static final String DEPLOYMENT_CONFIG_ANNOTATION = "openshift.io/deployment-config.name";

  private ServiceSelection() {}

  /** Refuses {@code service} unless it selects exactly {@code grid}'s pods. */
  static void requireSelectsOnly(
      KubernetesClient client, ClusterRef cluster, Service service, GridWorkload grid) {
    String ns = cluster.namespace();
    Map<String, String> selector = service.getSpec().getSelector();
    String what = "Service %s/%s".formatted(ns, service.getMetadata().getName());
    String name = grid.name();
    String fix =
        "; set 'service' to the Service that selects exactly grid %s's pods".formatted(name);
    if (selector == null || selector.isEmpty()) {
      throw Failures.invalidRequest(
          what + " has no selector, so it selects no pod of grid " + name + fix);
    }
    if (!matches(selector, labels(grid.template()))) {
      throw Failures.invalidRequest(
          "%s selects %s, which the pods of %s do not carry (their labels: %s)%s"
              .formatted(what, selector, grid.describe(), labels(grid.template()), fix));
    }
    List<String> others = otherWorkloads(client, ns, selector, grid);
    List<String> strangers = foreignPods(client, ns, selector, grid);
    if (!others.isEmpty() || !strangers.isEmpty()) {
      List<String> found = new ArrayList<>(others);
      found.addAll(strangers);
      throw Failures.invalidRequest(
          "%s (selector %s) also selects %s, not only grid %s%s"
              .formatted(what, selector, String.join(", ", found), name, fix));
    }
  }

  private static List<String> otherWorkloads(
      KubernetesClient client, String ns, Map<String, String> selector, GridWorkload grid) {
    List<String> others = new ArrayList<>();
    for (StatefulSet sts : client.apps().statefulSets().inNamespace(ns).list().getItems()) {
      if (!isGrid(grid, WorkloadKind.STATEFULSET, sts.getMetadata().getName())
          && matches(selector, labels(sts.getSpec().getTemplate()))) {
        others.add("the pods of StatefulSet " + sts.getMetadata().getName());
      }
    }
    for (Deployment d : client.apps().deployments().inNamespace(ns).list().getItems()) {
      if (matches(selector, labels(d.getSpec().getTemplate()))) {
        others.add("the pods of Deployment " + d.getMetadata().getName());
      }
    }
    if (grid.kind() == WorkloadKind.DEPLOYMENT_CONFIG) {
      // Only where DeploymentConfigs are in play: plain Kubernetes does not serve them.
      for (DeploymentConfig dc :
          client
              .adapt(OpenShiftClient.class)
              .deploymentConfigs()
              .inNamespace(ns)
              .list()
              .getItems()) {
        if (!isGrid(grid, WorkloadKind.DEPLOYMENT_CONFIG, dc.getMetadata().getName())
            && matches(selector, labels(dc.getSpec().getTemplate()))) {
          others.add("the pods of DeploymentConfig " + dc.getMetadata().getName());
        }
      }
    }
    return others;
  }

  private static boolean isGrid(GridWorkload grid, WorkloadKind kind, String name) {
    return grid.kind() == kind && grid.name().equals(name);
  }

  private static List<String> foreignPods(
      KubernetesClient client, String ns, Map<String, String> selector, GridWorkload grid) {
    List<String> foreign = new ArrayList<>();
    for (Pod pod : client.pods().inNamespace(ns).withLabels(selector).list().getItems()) {
      if (!belongsTo(pod, grid)) {
        foreign.add("pod " + pod.getMetadata().getName());
      }
    }
    return foreign;
  }

  /**
   * Whether the pod is the grid's: owned by it, or, for a DeploymentConfig on OpenShift, by one of
   * its ReplicationControllers (whose pods carry the DeploymentConfig's name in the annotation
   * {@value #DEPLOYMENT_CONFIG_ANNOTATION}); without an owner, by the grid's selector.
   */
  private static boolean belongsTo(Pod pod, GridWorkload grid) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners != null && !owners.isEmpty()) {
      return owners.stream().anyMatch(o -> ownedBy(pod, o, grid));
    }
    Map<String, String> own = grid.selector();
    return !own.isEmpty() && matches(own, pod.getMetadata().getLabels());
  }

  private static boolean ownedBy(Pod pod, OwnerReference owner, GridWorkload grid) {
    if (grid.kind().display().equals(owner.getKind()) && grid.name().equals(owner.getName())) {
      return true;
    }
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return grid.kind() == WorkloadKind.DEPLOYMENT_CONFIG
        && "ReplicationController".equals(owner.getKind())
        && annotations != null
        && grid.name().equals(annotations.get(DEPLOYMENT_CONFIG_ANNOTATION));
  }

  private static Map<String, String> labels(PodTemplateSpec template) {
    if (template == null || template.getMetadata() == null) {
      return Map.of();
    }
    return template.getMetadata().getLabels() == null
        ? Map.of()
        : template.getMetadata().getLabels();
  }

  private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return labels != null && labels.entrySet().containsAll(selector.entrySet());
  }
}
