package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** Finds the parts of an Infinispan pod template that an upgrade changes. */
final class GridPods {
  /** The ConfigMap key holding the server configuration. */
  static final String INFINISPAN_XML = "infinispan.xml";

  private GridPods() {}

  /**
   * The Infinispan server container: the first whose image names infinispan or datagrid (sidecars
   * may come first), else the first container.
   */
  static Container infinispanContainer(PodSpec pod) {
    List<Container> containers = pod.getContainers();
    for (Container c : containers) {
      String image = c.getImage() == null ? "" : c.getImage().toLowerCase();
      if (image.contains("infinispan") || image.contains("datagrid")) {
        return c;
      }
    }
    if (containers.isEmpty()) {
      throw new IllegalArgumentException("the pod template has no container");
    }
    return containers.get(0);
  }

  /**
   * The name of the first ConfigMap mounted by {@code pod} that holds {@code infinispan.xml}, read
   * from the cluster; empty when none does (or the ConfigMaps are gone).
   */
  static Optional<String> infinispanConfigMap(KubernetesClient client, String ns, PodSpec pod) {
    if (pod.getVolumes() == null) {
      return Optional.empty();
    }
    for (Volume v : pod.getVolumes()) {
      if (v.getConfigMap() == null || v.getConfigMap().getName() == null) {
        continue;
      }
      ConfigMap cm = client.configMaps().inNamespace(ns).withName(v.getConfigMap().getName()).get();
      if (cm != null && cm.getData() != null && cm.getData().containsKey(INFINISPAN_XML)) {
        return Optional.of(cm.getMetadata().getName());
      }
    }
    return Optional.empty();
  }
}
