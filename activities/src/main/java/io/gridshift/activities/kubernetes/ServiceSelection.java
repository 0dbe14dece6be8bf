package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.Failures;
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
 *   <li>no other StatefulSet or Deployment in the namespace has a pod template it selects;
 *   <li>every pod it selects now belongs to the grid (controller owner reference, or, without one,
 *       the grid's own selector labels).
 * </ol>
 */
final class ServiceSelection {
  private ServiceSelection() {}

  /** Refuses {@code service} unless it selects exactly {@code grid}'s pods. */
  static void requireSelectsOnly(
      KubernetesClient client, ClusterRef cluster, Service service, StatefulSet grid) {
    String ns = cluster.namespace();
    Map<String, String> selector = service.getSpec().getSelector();
    String what = "Service %s/%s".formatted(ns, service.getMetadata().getName());
    String name = grid.getMetadata().getName();
    String fix =
        "; set 'service' to the Service that selects exactly grid %s's pods".formatted(name);
    if (selector == null || selector.isEmpty()) {
      throw Failures.invalidRequest(
          what + " has no selector, so it selects no pod of grid " + name + fix);
    }
    if (!matches(selector, labels(grid.getSpec().getTemplate()))) {
      throw Failures.invalidRequest(
          "%s selects %s, which the pods of StatefulSet %s/%s do not carry (their labels: %s)%s"
              .formatted(what, selector, ns, name, labels(grid.getSpec().getTemplate()), fix));
    }
    List<String> others = otherWorkloads(client, ns, selector, name);
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
      KubernetesClient client, String ns, Map<String, String> selector, String grid) {
    List<String> others = new ArrayList<>();
    for (StatefulSet sts : client.apps().statefulSets().inNamespace(ns).list().getItems()) {
      if (!grid.equals(sts.getMetadata().getName())
          && matches(selector, labels(sts.getSpec().getTemplate()))) {
        others.add("the pods of StatefulSet " + sts.getMetadata().getName());
      }
    }
    for (Deployment d : client.apps().deployments().inNamespace(ns).list().getItems()) {
      if (matches(selector, labels(d.getSpec().getTemplate()))) {
        others.add("the pods of Deployment " + d.getMetadata().getName());
      }
    }
    return others;
  }

  private static List<String> foreignPods(
      KubernetesClient client, String ns, Map<String, String> selector, StatefulSet grid) {
    List<String> foreign = new ArrayList<>();
    for (Pod pod : client.pods().inNamespace(ns).withLabels(selector).list().getItems()) {
      if (!belongsTo(pod, grid)) {
        foreign.add("pod " + pod.getMetadata().getName());
      }
    }
    return foreign;
  }

  private static boolean belongsTo(Pod pod, StatefulSet grid) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners != null && !owners.isEmpty()) {
      return owners.stream()
          .anyMatch(
              o ->
                  "StatefulSet".equals(o.getKind())
                      && grid.getMetadata().getName().equals(o.getName()));
    }
    Map<String, String> own = SourceInspector.podSelector(grid);
    return !own.isEmpty() && matches(own, pod.getMetadata().getLabels());
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
