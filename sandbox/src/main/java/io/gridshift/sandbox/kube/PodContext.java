package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * What a {@link PodRuntime} gets to start a pod.
 *
 * @param pod the pod object as last read (spec, labels, owner)
 * @param podIp the loopback address the kubelet gave the pod; its process must bind there
 * @param client an API client, to read ConfigMaps, Secrets and peer pods
 * @param sandboxDir the sandbox's directory (pods keep their files under {@code pods/})
 */
public record PodContext(Pod pod, String podIp, KubernetesClient client, Path sandboxDir) {

  public String namespace() {
    return pod.getMetadata().getNamespace();
  }

  public String name() {
    return pod.getMetadata().getName();
  }
}
