package io.gridshift.demo.it.badinput;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every object a bad request could touch, in every namespace of a cluster, with its
 * resourceVersion: StatefulSets, Deployments, Services, ConfigMaps, Secrets and Pods. Any write
 * (spec, status, labels, annotations, a create or a delete) changes a resourceVersion or the set of
 * keys, so two equal snapshots mean nothing was written in between.
 *
 * @param versions {@code Kind namespace/name} to resourceVersion
 */
record KubeSnapshot(Map<String, String> versions) {

  static KubeSnapshot of(KubernetesClient kube) {
    Map<String, String> versions = new TreeMap<>();
    Stream.of(
            kube.apps().statefulSets().inAnyNamespace().list().getItems(),
            kube.apps().deployments().inAnyNamespace().list().getItems(),
            kube.services().inAnyNamespace().list().getItems(),
            kube.configMaps().inAnyNamespace().list().getItems(),
            kube.secrets().inAnyNamespace().list().getItems(),
            kube.pods().inAnyNamespace().list().getItems())
        .flatMap(List::stream)
        .forEach(o -> versions.put(key(o), o.getMetadata().getResourceVersion()));
    return new KubeSnapshot(Map.copyOf(versions));
  }

  private static String key(HasMetadata o) {
    return o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  /** What differs from {@code before}, one line per object; empty when nothing changed. */
  List<String> changesSince(KubeSnapshot before) {
    TreeMap<String, String> changes = new TreeMap<>();
    before.versions.forEach(
        (key, was) -> {
          String now = versions.get(key);
          if (!was.equals(now)) {
            changes.put(key, now == null ? "deleted" : "resourceVersion " + was + " -> " + now);
          }
        });
    versions.forEach(
        (key, now) -> {
          if (!before.versions.containsKey(key)) {
            changes.put(key, "created");
          }
        });
    return changes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
  }
}
