package io.gridshift.sandbox.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one kustomize overlay renders, with the look-ups the manifest tests make: objects by kind
 * and name, a generated ConfigMap by the name it had before kustomize's hash suffix, and what a
 * Deployment's pods are allowed by the NetworkPolicies that select them.
 *
 * @param objects in kustomize's order
 */
record Overlay(List<HasMetadata> objects) {
  Overlay {
    objects = List.copyOf(objects);
  }

  /** {@code kubectl kustomize dir}. */
  static Overlay build(Path dir) throws Exception {
    return new Overlay(Kustomize.build(dir));
  }

  <T extends HasMetadata> List<T> of(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  Set<String> names(Class<? extends HasMetadata> type) {
    return of(type).stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
  }

  Set<String> kinds() {
    return objects.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
  }

  Deployment deployment(String name) {
    return of(Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Deployment " + name));
  }

  /** The Deployment's (only) container. */
  Container container(String deployment) {
    return deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /** A generated ConfigMap by its name before kustomize's hash suffix. */
  ConfigMap configMap(String generatedName) {
    return of(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().matches(generatedName + "-[a-z0-9]{10}"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap generated as " + generatedName));
  }

  /** The ConfigMap a Deployment mounts as {@code volume}: the one its (hashed) name names. */
  ConfigMap mounted(String deployment, String volume) {
    String name =
        deployment(deployment).getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(volume) && v.getConfigMap() != null)
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(deployment + " has no ConfigMap volume " + volume))
            .getConfigMap()
            .getName();
    return of(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(deployment + " mounts a missing ConfigMap " + name));
  }

  /** Every egress port the NetworkPolicies selecting this Deployment's pods open. */
  List<Integer> egressPorts(String deployment) {
    Map<String, String> labels =
        deployment(deployment).getSpec().getTemplate().getMetadata().getLabels();
    List<Integer> ports = new ArrayList<>();
    for (NetworkPolicy p : of(NetworkPolicy.class)) {
      var selector = p.getSpec().getPodSelector();
      boolean selects =
          labels.entrySet().containsAll(selector.getMatchLabels().entrySet())
              && selector.getMatchExpressions().stream()
                  .allMatch(e -> e.getValues().contains(labels.get(e.getKey())));
      if (selects && p.getSpec().getEgress() != null) {
        p.getSpec().getEgress().stream()
            .flatMap(rule -> rule.getPorts().stream())
            .map(NetworkPolicyPort::getPort)
            .forEach(port -> ports.add(port.getIntVal()));
      }
    }
    return ports.stream().distinct().toList();
  }
}
