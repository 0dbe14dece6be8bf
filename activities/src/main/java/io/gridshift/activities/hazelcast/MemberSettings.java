package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.Failures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hazelcast settings a pod template gives its member: JAVA_OPTS (inline or from a ConfigMap
 * key), and the member configuration of the first mounted ConfigMap holding hazelcast.yaml,
 * hazelcast.yml or hazelcast.xml.
 *
 * @param container the Hazelcast container
 * @param javaOpts JAVA_OPTS as the container gets it (empty when unset)
 * @param config the member configuration ({@link MemberConfig#EMPTY} when none is mounted)
 * @param configMap the ConfigMap holding it, or null
 * @param clusterNameEnv the container's HZ_CLUSTERNAME, which overrides the configuration, or null
 */
record MemberSettings(
    Container container,
    String javaOpts,
    MemberConfig config,
    String configMap,
    String clusterNameEnv) {
  static final String JAVA_OPTS = "JAVA_OPTS";
  private static final List<String> CONFIG_KEYS =
      List.of("hazelcast.yaml", "hazelcast.yml", "hazelcast.xml");
  private static final Logger LOG = LoggerFactory.getLogger(MemberSettings.class);

  /** Reads the settings of {@code pod} in namespace {@code ns}. */
  static MemberSettings read(KubernetesClient client, String ns, PodSpec pod) {
    Container container = hazelcastContainer(pod);
    String javaOpts = resolve(client, ns, env(container, JAVA_OPTS));
    String clusterName = resolve(client, ns, env(container, "HZ_CLUSTERNAME"));
    for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
      if (v.getConfigMap() == null || v.getConfigMap().getName() == null) {
        continue;
      }
      String name = v.getConfigMap().getName();
      ConfigMap cm = client.configMaps().inNamespace(ns).withName(name).get();
      if (cm == null || cm.getData() == null) {
        continue;
      }
      for (String key : CONFIG_KEYS) {
        String text = cm.getData().get(key);
        if (text != null) {
          String source = "ConfigMap %s/%s key %s".formatted(ns, name, key);
          MemberConfig config =
              key.endsWith(".xml")
                  ? MemberConfig.fromXml(text, source)
                  : MemberConfig.fromYaml(text, source);
          return new MemberSettings(container, javaOpts, config, name, clusterName);
        }
      }
    }
    return new MemberSettings(container, javaOpts, MemberConfig.EMPTY, null, clusterName);
  }

  /**
   * The Hazelcast container: the first whose image names hazelcast (sidecars may come first), else
   * the first container.
   */
  static Container hazelcastContainer(PodSpec pod) {
    List<Container> containers = pod.getContainers();
    if (containers == null || containers.isEmpty()) {
      throw Failures.invalidRequest("the pod template has no container");
    }
    return containers.stream()
        .filter(c -> c.getImage() != null && c.getImage().toLowerCase().contains("hazelcast"))
        .findFirst()
        .orElse(containers.get(0));
  }

  /** Properties in effect: the configuration's, overridden by JAVA_OPTS {@code -D} options. */
  Map<String, String> systemProperties() {
    Map<String, String> merged = new LinkedHashMap<>(config.properties());
    merged.putAll(JavaOpts.parse(javaOpts).systemProperties());
    return merged;
  }

  /**
   * Whether the member itself serves TLS on its port (Hazelcast Enterprise): {@code
   * network.ssl.enabled} in the configuration, or its overrides {@code HZ_NETWORK_SSL_ENABLED} and
   * {@code -Dhz.network.ssl.enabled} (the image's environment and JAVA_OPTS forms).
   */
  boolean memberServesTls() {
    String fromEnv = MemberSettings.value(container, "HZ_NETWORK_SSL_ENABLED");
    String fromOpts = JavaOpts.parse(javaOpts).systemProperties().get("hz.network.ssl.enabled");
    return config.sslEnabled()
        || "true".equalsIgnoreCase(fromEnv)
        || "true".equalsIgnoreCase(fromOpts);
  }

  private static String value(Container container, String name) {
    EnvVar env = env(container, name);
    return env == null ? null : env.getValue();
  }

  /** The cluster name the members use: HZ_CLUSTERNAME, else the configuration's, else "dev". */
  String clusterName() {
    if (clusterNameEnv != null && !clusterNameEnv.isBlank()) {
      return clusterNameEnv;
    }
    return config.clusterName() == null ? "dev" : config.clusterName();
  }

  static EnvVar env(Container container, String name) {
    if (container.getEnv() == null) {
      return null;
    }
    return container.getEnv().stream()
        .filter(e -> name.equals(e.getName()))
        .findFirst()
        .orElse(null);
  }

  /** The value of {@code env}: inline, or from a ConfigMap key; null when unset or unresolvable. */
  static String resolve(KubernetesClient client, String ns, EnvVar env) {
    if (env == null) {
      return null;
    }
    if (env.getValueFrom() == null || env.getValueFrom().getConfigMapKeyRef() == null) {
      return env.getValue();
    }
    ConfigMapKeySelector ref = env.getValueFrom().getConfigMapKeyRef();
    ConfigMap cm = client.configMaps().inNamespace(ns).withName(ref.getName()).get();
    String value = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
    if (value == null) {
      // The pod would not start either (unless optional); report what is there: nothing.
      LOG.warn(
          "env {} refers to ConfigMap {}/{} key {}, which does not exist; treating it as unset",
          env.getName(),
          ns,
          ref.getName(),
          ref.getKey());
    }
    return value;
  }
}
