package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a runtime reads from a pod the way a kubelet would hand it to a container: environment
 * (values, Secret and ConfigMap references, a few field references), mounted ConfigMaps, container
 * ports, the owning workload and its other pods. A missing, non-optional reference fails the start
 * with a message naming it, as Kubernetes' CreateContainerConfigError does.
 */
public final class PodInputs {
  private final PodContext context;

  public PodInputs(PodContext context) {
    this.context = context;
  }

  /** The pod's first container (the one the sandbox runs). */
  public Container container() {
    return context.pod().getSpec().getContainers().get(0);
  }

  /** The container's environment, references resolved. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    Container container = container();
    if (container.getEnvFrom() != null) {
      container.getEnvFrom().forEach(source -> env.putAll(envFrom(source)));
    }
    if (container.getEnv() != null) {
      for (EnvVar var : container.getEnv()) {
        String value =
            var.getValueFrom() == null
                ? var.getValue()
                : valueFrom(var.getName(), var.getValueFrom());
        if (value != null) {
          env.put(var.getName(), value);
        }
      }
    }
    return env;
  }

  /** The first ConfigMap mounted as a volume that holds {@code key}. */
  public Optional<ConfigMap> mountedConfigMapWithKey(String key) {
    if (context.pod().getSpec().getVolumes() == null) {
      return Optional.empty();
    }
    for (Volume volume : context.pod().getSpec().getVolumes()) {
      if (volume.getConfigMap() == null) {
        continue;
      }
      ConfigMap map = configMap(volume.getConfigMap().getName());
      if (map != null && map.getData() != null && map.getData().containsKey(key)) {
        return Optional.of(map);
      }
    }
    return Optional.empty();
  }

  /** The first Secret mounted as a volume that holds {@code key}. */
  public Optional<Secret> mountedSecretWithKey(String key) {
    if (context.pod().getSpec().getVolumes() == null) {
      return Optional.empty();
    }
    for (Volume volume : context.pod().getSpec().getVolumes()) {
      if (volume.getSecret() == null) {
        continue;
      }
      Secret secret =
          context
              .client()
              .secrets()
              .inNamespace(context.namespace())
              .withName(volume.getSecret().getSecretName())
              .get();
      if (secret != null && secret.getData() != null && secret.getData().containsKey(key)) {
        return Optional.of(secret);
      }
    }
    return Optional.empty();
  }

  /** The container port named {@code name}, else the one numbered {@code fallback}, else it. */
  public int port(String name, int fallback) {
    List<ContainerPort> ports = container().getPorts() == null ? List.of() : container().getPorts();
    return ports.stream()
        .filter(p -> name.equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElse(fallback);
  }

  /** The controlling StatefulSet or Deployment's name; the pod's own name for a bare pod. */
  public String workloadName() {
    List<OwnerReference> owners = context.pod().getMetadata().getOwnerReferences();
    if (owners != null) {
      for (OwnerReference owner : owners) {
        if (Boolean.TRUE.equals(owner.getController())) {
          return owner.getName();
        }
      }
    }
    return context.name();
  }

  /**
   * Addresses of the other live pods of the same workload that already have one, sorted by pod name
   * (what a headless Service's DNS would list).
   */
  public List<String> peerIps() {
    String owner = controllerUid(context.pod());
    if (owner == null) {
      return List.of();
    }
    return context.client().pods().inNamespace(context.namespace()).list().getItems().stream()
        .filter(p -> owner.equals(controllerUid(p)))
        .filter(p -> !p.getMetadata().getName().equals(context.name()))
        .filter(p -> !Pods.isTerminating(p))
        .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .map(p -> p.getStatus().getPodIP())
        .toList();
  }

  private static String controllerUid(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners == null
        ? null
        : owners.stream()
            .filter(o -> Boolean.TRUE.equals(o.getController()))
            .map(OwnerReference::getUid)
            .findFirst()
            .orElse(null);
  }

  private String valueFrom(String name, EnvVarSource source) {
    if (source.getSecretKeyRef() != null) {
      SecretKeySelector ref = source.getSecretKeyRef();
      return fromSecret(name, ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()));
    }
    if (source.getConfigMapKeyRef() != null) {
      ConfigMapKeySelector ref = source.getConfigMapKeyRef();
      ConfigMap map = configMap(ref.getName());
      String value = map == null || map.getData() == null ? null : map.getData().get(ref.getKey());
      return require(
          value,
          Boolean.TRUE.equals(ref.getOptional()),
          name,
          "ConfigMap",
          ref.getName(),
          ref.getKey());
    }
    if (source.getFieldRef() != null) {
      return switch (source.getFieldRef().getFieldPath()) {
        case "metadata.name" -> context.name();
        case "metadata.namespace" -> context.namespace();
        case "status.podIP" -> context.podIp();
        default -> null;
      };
    }
    return null;
  }

  private String fromSecret(String env, String secretName, String key, boolean optional) {
    Secret secret =
        context.client().secrets().inNamespace(context.namespace()).withName(secretName).get();
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    String value =
        encoded == null
            ? null
            : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    return require(value, optional, env, "Secret", secretName, key);
  }

  private Map<String, String> envFrom(EnvFromSource source) {
    Map<String, String> env = new LinkedHashMap<>();
    String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
    if (source.getConfigMapRef() != null) {
      ConfigMap map = configMap(source.getConfigMapRef().getName());
      if (map != null && map.getData() != null) {
        map.getData().forEach((k, v) -> env.put(prefix + k, v));
      }
    }
    if (source.getSecretRef() != null) {
      Secret secret =
          context
              .client()
              .secrets()
              .inNamespace(context.namespace())
              .withName(source.getSecretRef().getName())
              .get();
      if (secret != null && secret.getData() != null) {
        secret
            .getData()
            .forEach(
                (k, v) ->
                    env.put(
                        prefix + k,
                        new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
      }
    }
    return env;
  }

  private ConfigMap configMap(String name) {
    return context.client().configMaps().inNamespace(context.namespace()).withName(name).get();
  }

  private String require(
      String value, boolean optional, String env, String kind, String name, String key) {
    if (value == null && !optional) {
      throw new IllegalStateException(
          "pod "
              + context.namespace()
              + "/"
              + context.name()
              + ": env "
              + env
              + " refers to key '"
              + key
              + "' of "
              + kind
              + " "
              + name
              + ", which does not exist; create it or mark the reference optional");
    }
    return value;
  }
}
