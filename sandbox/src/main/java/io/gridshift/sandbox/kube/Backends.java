package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The endpoints of a Service as kube-proxy sees them: pods in the Service's namespace that match
 * its selector, are Running and Ready and not terminating, with the target port resolved (a number,
 * or a container port name). Pods are read through a short-lived cache so that a burst of new
 * connections costs one list, while a pod that turns NotReady stops receiving new connections
 * within {@code maxAge}.
 */
final class Backends {
  private final KubernetesClient client;
  private final long maxAgeNanos;
  private List<Pod> pods = List.of();
  private long readAt;

  Backends(KubernetesClient client, Duration maxAge) {
    this.client = client;
    this.maxAgeNanos = maxAge.toNanos();
  }

  /** The ready endpoints for {@code selector} and {@code targetPort}, sorted by pod name. */
  List<InetSocketAddress> endpoints(
      String namespace, Map<String, String> selector, IntOrString targetPort) {
    List<InetSocketAddress> endpoints = new ArrayList<>();
    for (Pod pod : pods()) {
      if (!namespace.equals(pod.getMetadata().getNamespace())
          || !matches(pod, selector)
          || Pods.isTerminating(pod)
          || !Pods.isRunningAndReady(pod)
          || pod.getStatus().getPodIP() == null) {
        continue;
      }
      Integer port = resolve(pod, targetPort);
      if (port != null) {
        endpoints.add(new InetSocketAddress(pod.getStatus().getPodIP(), port));
      }
    }
    return endpoints;
  }

  private synchronized List<Pod> pods() {
    long now = System.nanoTime();
    if (now - readAt > maxAgeNanos) {
      pods =
          client.pods().inAnyNamespace().list().getItems().stream()
              .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
              .toList();
      readAt = System.nanoTime();
    }
    return pods;
  }

  private static boolean matches(Pod pod, Map<String, String> selector) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null) {
      return false;
    }
    for (Map.Entry<String, String> wanted : selector.entrySet()) {
      if (!Objects.equals(labels.get(wanted.getKey()), wanted.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static Integer resolve(Pod pod, IntOrString targetPort) {
    if (targetPort.getIntVal() != null) {
      return targetPort.getIntVal();
    }
    String name = targetPort.getStrVal();
    return pod.getSpec().getContainers().stream()
        .flatMap(
            c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream())
        .filter(p -> name.equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElse(null);
  }
}
