package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigSpec;
import io.fabric8.openshift.api.model.DeploymentStrategyBuilder;
import io.fabric8.openshift.api.model.DeploymentTriggerPolicyBuilder;
import io.gridshift.activities.infinispan.SourceTrustStore;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of a target grid, built from the source's (pure: no client calls). See {@link
 * TargetDeployer} for the order they are written in and why.
 */
final class TargetManifests {
  /** Env vars the CONFIG-mode remote stores read the source's digest credentials from. */
  static final String USERNAME_ENV = "GRIDSHIFT_SOURCE_USERNAME";

  static final String PASSWORD_ENV = "GRIDSHIFT_SOURCE_PASSWORD";

  private final KubernetesSerialization serialization;

  TargetManifests(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /** The name of the target's ConfigMap. */
  static String configMapName(String targetGrid) {
    return targetGrid + "-config";
  }

  /** The Service pinned to the source pods (by the source StatefulSet's selector). */
  Service sourceService(DeployTargetRequest r, Map<String, String> sourceSelector) {
    return service(r, r.sourceService(), GridLabels.managed(r.sourceGrid(), null), sourceSelector);
  }

  /** The Service selecting only the target's pods. */
  Service targetService(DeployTargetRequest r) {
    return service(
        r,
        r.targetGrid(),
        GridLabels.managed(r.sourceGrid(), r.targetGrid()),
        GridLabels.gridSelector(r.targetGrid()));
  }

  /** The target's ConfigMap with the source's {@code data} (possibly edited) and binary data. */
  ConfigMap configMap(
      DeployTargetRequest r, Map<String, String> data, Map<String, String> binaryData) {
    return new ConfigMapBuilder()
        .withMetadata(meta(r, configMapName(r.targetGrid()), r.targetGrid()))
        .withData(new LinkedHashMap<>(data))
        .withBinaryData(binaryData == null ? null : new LinkedHashMap<>(binaryData))
        .build();
  }

  /**
   * The target StatefulSet: a deep copy of the source with its own name, labels and selector, the
   * target image, the target ConfigMap in place of the source's, one-pod-at-a-time RollingUpdate
   * (no partition) and the requested minReadySeconds.
   *
   * @param sourceConfigMap the source ConfigMap to swap for the target's, or null
   */
  StatefulSet statefulSet(DeployTargetRequest r, StatefulSet source, String sourceConfigMap) {
    StatefulSet sts = serialization.clone(source);
    sts.setStatus(null);
    sts.setMetadata(meta(r, r.targetGrid(), r.targetGrid()));
    StatefulSetSpec spec = sts.getSpec();
    Map<String, String> sourceSelector =
        spec.getSelector() == null || spec.getSelector().getMatchLabels() == null
            ? Map.of()
            : spec.getSelector().getMatchLabels();
    spec.setSelector(
        new LabelSelectorBuilder()
            .withMatchLabels(GridLabels.gridSelector(r.targetGrid()))
            .build());
    spec.setTemplate(template(r, spec.getTemplate(), sourceSelector, sourceConfigMap));
    spec.setServiceName(r.targetGrid());
    spec.setUpdateStrategy(
        new StatefulSetUpdateStrategyBuilder().withType("RollingUpdate").build());
    spec.setMinReadySeconds(r.minReadySeconds());
    return sts;
  }

  /**
   * The target DeploymentConfig: a deep copy of the source with its own name, labels and selector,
   * the target image and ConfigMap (as {@link #statefulSet}), a ConfigChange trigger only (an
   * ImageChange trigger would roll the target when the source's image stream moves), and a Rolling
   * strategy that adds one new pod before removing an old one (maxSurge 1, maxUnavailable 0), so
   * the grid keeps every member while it rolls; the requested minReadySeconds.
   */
  DeploymentConfig deploymentConfig(
      DeployTargetRequest r, DeploymentConfig source, String sourceConfigMap) {
    DeploymentConfig dc = serialization.clone(source);
    dc.setStatus(null);
    dc.setMetadata(meta(r, r.targetGrid(), r.targetGrid()));
    DeploymentConfigSpec spec = dc.getSpec();
    Map<String, String> sourceSelector = spec.getSelector() == null ? Map.of() : spec.getSelector();
    spec.setSelector(new LinkedHashMap<>(GridLabels.gridSelector(r.targetGrid())));
    spec.setTemplate(template(r, spec.getTemplate(), sourceSelector, sourceConfigMap));
    spec.setTriggers(
        List.of(new DeploymentTriggerPolicyBuilder().withType("ConfigChange").build()));
    spec.setStrategy(
        new DeploymentStrategyBuilder()
            .withType("Rolling")
            .withNewRollingParams()
            .withMaxSurge(new IntOrString(1))
            .withMaxUnavailable(new IntOrString(0))
            .endRollingParams()
            .build());
    spec.setMinReadySeconds(r.minReadySeconds());
    spec.setPaused(null);
    return dc;
  }

  private PodTemplateSpec template(
      DeployTargetRequest r,
      PodTemplateSpec template,
      Map<String, String> sourceSelector,
      String sourceConfigMap) {
    if (template.getMetadata() == null) {
      template.setMetadata(new ObjectMeta());
    }
    // Without the source selector's labels, neither the source StatefulSet nor the client Service
    // (which still selects the source) picks up target pods before traffic is switched.
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.keySet().removeAll(sourceSelector.keySet());
    labels.put(GridLabels.GRID, r.targetGrid());
    template.getMetadata().setLabels(labels);
    Container container = GridPods.infinispanContainer(template.getSpec());
    container.setImage(r.targetImage());
    if (sourceConfigMap != null && template.getSpec().getVolumes() != null) {
      for (Volume v : template.getSpec().getVolumes()) {
        if (v.getConfigMap() != null && sourceConfigMap.equals(v.getConfigMap().getName())) {
          v.getConfigMap().setName(configMapName(r.targetGrid()));
        }
      }
    }
    if (r.credentialsSecret() != null) {
      container.setEnv(withCredentialRefs(container.getEnv(), r.credentialsSecret()));
    }
    if (r.sourceTlsSecret() != null) {
      mountSourceTrust(r, template.getSpec(), container);
    }
    return template;
  }

  /**
   * The source trust Secret mounted read-only at {@link SourceTrustStore#MOUNT_PATH}, and the two
   * variables the remote stores name the store by (see {@link SourceTrustStore}). Replaces an
   * earlier volume, mount or variable of the same name, so converging twice changes nothing.
   */
  private static void mountSourceTrust(DeployTargetRequest r, PodSpec pod, Container container) {
    String secret = SourceTrustStore.secretName(r.targetGrid());
    List<Volume> volumes = new ArrayList<>();
    if (pod.getVolumes() != null) {
      pod.getVolumes().stream()
          .filter(v -> !SourceTrustStore.VOLUME.equals(v.getName()))
          .forEach(volumes::add);
    }
    volumes.add(
        new VolumeBuilder()
            .withName(SourceTrustStore.VOLUME)
            .withNewSecret()
            .withSecretName(secret)
            .endSecret()
            .build());
    pod.setVolumes(volumes);
    List<VolumeMount> mounts = new ArrayList<>();
    if (container.getVolumeMounts() != null) {
      container.getVolumeMounts().stream()
          .filter(m -> !SourceTrustStore.VOLUME.equals(m.getName()))
          .forEach(mounts::add);
    }
    mounts.add(
        new VolumeMountBuilder()
            .withName(SourceTrustStore.VOLUME)
            .withMountPath(SourceTrustStore.MOUNT_PATH)
            .withReadOnly(true)
            .build());
    container.setVolumeMounts(mounts);
    List<EnvVar> env = new ArrayList<>();
    if (container.getEnv() != null) {
      container.getEnv().stream()
          .filter(
              e ->
                  !SourceTrustStore.FILE_ENV.equals(e.getName())
                      && !SourceTrustStore.PASSWORD_ENV.equals(e.getName()))
          .forEach(env::add);
    }
    env.add(
        new EnvVarBuilder()
            .withName(SourceTrustStore.FILE_ENV)
            .withValue(SourceTrustStore.path())
            .build());
    env.add(secretRef(SourceTrustStore.PASSWORD_ENV, secret, SourceTrustStore.PASSWORD_KEY));
    container.setEnv(env);
  }

  /**
   * The Secret with the source's CA as a trust store for the target's remote stores ({@link
   * SourceTrustStore}).
   */
  Secret sourceTrustSecret(DeployTargetRequest r, String caPem, String password) {
    String secretName = r.cluster().namespace() + "/" + r.sourceTlsSecret();
    return new SecretBuilder()
        .withMetadata(meta(r, SourceTrustStore.secretName(r.targetGrid()), r.targetGrid()))
        .withType("Opaque")
        .addToData(
            SourceTrustStore.STORE_KEY, b64(SourceTrustStore.pkcs12(secretName, caPem, password)))
        .addToData(SourceTrustStore.PASSWORD_KEY, b64(password.getBytes(StandardCharsets.UTF_8)))
        .addToData(SourceTrustStore.CA_KEY, b64(caPem.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * {@code env} with the two credential variables referencing {@code secret} (keys username and
   * password): the value stays in the Secret and never passes through gridshift.
   */
  private static List<EnvVar> withCredentialRefs(List<EnvVar> env, String secret) {
    List<EnvVar> result = new ArrayList<>();
    if (env != null) {
      for (EnvVar e : env) {
        if (!USERNAME_ENV.equals(e.getName()) && !PASSWORD_ENV.equals(e.getName())) {
          result.add(e);
        }
      }
    }
    result.add(secretRef(USERNAME_ENV, secret, "username"));
    result.add(secretRef(PASSWORD_ENV, secret, "password"));
    return result;
  }

  private static EnvVar secretRef(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static Service service(
      DeployTargetRequest r, String name, Map<String, String> labels, Map<String, String> sel) {
    ServicePort hotrod =
        new ServicePortBuilder()
            .withName("hotrod")
            .withProtocol("TCP")
            .withPort(r.port())
            .withTargetPort(new IntOrString(r.port()))
            .build();
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(r.cluster().namespace())
        .withLabels(labels)
        .withAnnotations(claim(r))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(new LinkedHashMap<>(sel))
        .withPorts(hotrod)
        .endSpec()
        .build();
  }

  /** The annotations of an object the upgrade creates: its claim, if it carries one. */
  private static Map<String, String> claim(DeployTargetRequest r) {
    return r.claim() == null ? Map.of() : Map.of(ClaimRequest.ANNOTATION, r.claim());
  }

  private static ObjectMeta meta(DeployTargetRequest r, String name, String grid) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(r.cluster().namespace())
        .withLabels(GridLabels.managed(r.sourceGrid(), grid))
        .withAnnotations(claim(r))
        .build();
  }
}
