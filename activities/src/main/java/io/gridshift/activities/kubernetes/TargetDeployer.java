package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.Failures;
import io.gridshift.activities.infinispan.SourceTrustStore;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Creates or converges a target grid beside its source. Steps (each a get-then-create-or-edit, so a
 * retry after any of them converges and duplicates nothing):
 *
 * <ol>
 *   <li>check: the source grid (a StatefulSet or a DeploymentConfig, {@link GridWorkload}) exists;
 *       the target name is free or already gridshift's for this source; the credentials Secret (if
 *       any) has {@code username} and {@code password};
 *   <li>Service {@code sourceService}, selecting the source pods by the source StatefulSet's
 *       selector, so the target (and gridshift) still reach the source once the client Service
 *       points at the target;
 *   <li>ConfigMap {@code <target>-config}: the source's ConfigMap data; in CONFIG mode with the
 *       remote-store caches in {@code infinispan.xml}, their {@code ${gridshift.source.host}} made
 *       the source Service's address (so that Service is created first);
 *   <li>with a {@code sourceTlsSecret}: Secret {@code <target>-source-trust}, the source's CA as a
 *       trust store the target pods mount for their remote stores ({@link SourceTrustStore}); kept
 *       as it is while the CA is unchanged;
 *   <li>StatefulSet {@code <target>} ({@link TargetManifests#statefulSet}), or for a
 *       DeploymentConfig source a DeploymentConfig ({@link TargetManifests#deploymentConfig});
 *   <li>Service {@code <target>} selecting only target pods.
 * </ol>
 *
 * <p>An existing object not labelled as gridshift's for this source is never taken over, nor one
 * another upgrade holds ({@link Claims}); what it creates or converges carries this upgrade's
 * claim.
 */
final class TargetDeployer {
  /** Replaced in CONFIG-mode cache definitions by the address of the source's pinned Service. */
  static final String SOURCE_HOST_PLACEHOLDER = "${gridshift.source.host}";

  private final KubernetesClient client;
  private final TargetManifests manifests;

  TargetDeployer(KubernetesClient client) {
    this.client = client;
    this.manifests = new TargetManifests(client.getKubernetesSerialization());
  }

  void deploy(DeployTargetRequest r) {
    String ns = r.cluster().namespace();
    GridWorkload source = GridWorkload.require(client, r.cluster(), r.sourceGrid());
    SourceInspector.refuseForeignTarget(
        client, r.cluster(), source.kind(), r.targetGrid(), r.sourceGrid(), r.claim());
    if (r.credentialsSecret() != null) {
      requireCredentials(r);
    }
    Map<String, String> selector = source.selector();
    if (selector.isEmpty()) {
      throw Failures.invalidRequest(
          "%s has no pod selector (spec.selector); gridshift needs it to pin a Service to the source pods"
              .formatted(source.describe()));
    }
    Service sourceService =
        apply(r, manifests.sourceService(r, selector), TargetDeployer::convergeService);
    String sourceConfigMap =
        GridPods.infinispanConfigMap(client, ns, source.template().getSpec()).orElse(null);
    if (sourceConfigMap != null) {
      apply(
          r, targetConfigMap(r, sourceConfigMap, sourceService), TargetDeployer::convergeConfigMap);
    } else if (r.cacheConfigsXml() != null) {
      throw Failures.invalidRequest(
          ("%s mounts no ConfigMap with %s, so CONFIG mode has no configuration to"
                  + " add remote stores to; use connectionMode RUNTIME")
              .formatted(source.describe(), GridPods.INFINISPAN_XML));
    }
    if (r.sourceTlsSecret() != null) {
      applySourceTrust(r);
    }
    applyGrid(r, source, sourceConfigMap);
    apply(r, manifests.targetService(r), TargetDeployer::convergeService);
  }

  /** The target grid, of the source's kind. */
  private void applyGrid(DeployTargetRequest r, GridWorkload source, String sourceConfigMap) {
    switch (source.kind()) {
      case STATEFULSET ->
          apply(
              r,
              manifests.statefulSet(r, (StatefulSet) source.object(), sourceConfigMap),
              TargetDeployer::convergeGrid);
      case DEPLOYMENT_CONFIG ->
          apply(
              r,
              manifests.deploymentConfig(r, (DeploymentConfig) source.object(), sourceConfigMap),
              TargetDeployer::convergeDeploymentConfig);
      case DEPLOYMENT ->
          throw new IllegalStateException("an Infinispan grid is never a Deployment");
    }
  }

  /** A copy of the source ConfigMap, with the CONFIG-mode caches added to infinispan.xml. */
  private ConfigMap targetConfigMap(
      DeployTargetRequest r, String sourceConfigMap, Service sourceService) {
    String ns = r.cluster().namespace();
    ConfigMap source = client.configMaps().inNamespace(ns).withName(sourceConfigMap).get();
    if (source == null) {
      // Deleted between the two reads: retry; the next attempt sees the pod template as it is.
      throw Failures.retryable(
          "ConfigMap " + ns + "/" + sourceConfigMap + " disappeared while being copied",
          FailureTypes.NOT_READY);
    }
    Map<String, String> data = new LinkedHashMap<>(source.getData());
    String xml = data.get(GridPods.INFINISPAN_XML);
    if (xml != null) {
      // A verbatim copy would let target pods join the source's cluster; give them their own.
      data.put(GridPods.INFINISPAN_XML, InfinispanXml.withTransportCluster(xml, r.targetGrid()));
    }
    if (xml != null && r.runtimeCaches() != null && !r.runtimeCaches().isEmpty()) {
      // RUNTIME mode: create-caches makes these caches at run time, where a remote store can be
      // added; declared in the XML they would exist from the start and refuse the store.
      data.put(
          GridPods.INFINISPAN_XML,
          InfinispanXml.withoutCaches(data.get(GridPods.INFINISPAN_XML), r.runtimeCaches()));
    }
    if (r.cacheConfigsXml() != null) {
      String host = ClusterAccess.hostOf(sourceService);
      String caches = r.cacheConfigsXml().replace(SOURCE_HOST_PLACEHOLDER, host);
      try {
        data.put(
            GridPods.INFINISPAN_XML,
            InfinispanXml.withCaches(data.get(GridPods.INFINISPAN_XML), caches));
      } catch (IllegalArgumentException e) {
        throw Failures.invalidRequest(
            "cannot add the remote-store caches to %s of ConfigMap %s/%s: %s"
                .formatted(GridPods.INFINISPAN_XML, ns, sourceConfigMap, e.getMessage()));
      }
    }
    return manifests.configMap(r, data, source.getBinaryData());
  }

  /**
   * Creates the source trust Secret, or converges it: its trust store and password stay when it was
   * made from the same CA (a retry, or a second deploy), and are made anew when the CA changed.
   */
  private void applySourceTrust(DeployTargetRequest r) {
    String ns = r.cluster().namespace();
    Secret tls = client.secrets().inNamespace(ns).withName(r.sourceTlsSecret()).get();
    String caPem = tls == null ? null : secretText(tls, SourceTrustStore.CA_KEY);
    if (caPem == null) {
      throw Failures.nonRetryable(
          ("Secret %s/%s (tlsSecret, the source's CA) %s; create it with the CA that issued the"
                  + " source's certificate: kubectl create secret generic %s -n %s"
                  + " --from-file=%s=ca.pem")
              .formatted(
                  ns,
                  r.sourceTlsSecret(),
                  tls == null ? "not found" : "lacks key " + SourceTrustStore.CA_KEY,
                  r.sourceTlsSecret(),
                  ns,
                  SourceTrustStore.CA_KEY),
          FailureTypes.SECRET_NOT_FOUND);
    }
    Secret current =
        client
            .secrets()
            .inNamespace(ns)
            .withName(SourceTrustStore.secretName(r.targetGrid()))
            .get();
    String password =
        current == null || secretText(current, SourceTrustStore.PASSWORD_KEY) == null
            ? SourceTrustStore.newPassword()
            : secretText(current, SourceTrustStore.PASSWORD_KEY);
    Secret desired;
    try {
      desired = manifests.sourceTrustSecret(r, caPem, password);
    } catch (IllegalArgumentException e) {
      throw Failures.invalidRequest(
          "Secret %s/%s (tlsSecret): %s".formatted(ns, r.sourceTlsSecret(), e.getMessage()));
    }
    apply(
        r,
        desired,
        (have, want) -> {
          have.getMetadata().getLabels().putAll(want.getMetadata().getLabels());
          if (!caPem.equals(secretText(have, SourceTrustStore.CA_KEY))
              || secretText(have, SourceTrustStore.STORE_KEY) == null) {
            have.setData(want.getData());
            have.setStringData(null);
          }
        });
  }

  /** The UTF-8 text of {@code key} in {@code secret}'s data (base64), or null. */
  private static String secretText(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(
          java.util.Base64.getDecoder().decode(secret.getData().get(key)),
          java.nio.charset.StandardCharsets.UTF_8);
    }
    return secret.getStringData() == null ? null : secretText(secret.getStringData(), key);
  }

  private static String secretText(Map<String, String> stringData, String key) {
    return stringData.get(key);
  }

  private void requireCredentials(DeployTargetRequest r) {
    String ns = r.cluster().namespace();
    Secret secret = client.secrets().inNamespace(ns).withName(r.credentialsSecret()).get();
    boolean complete = secret != null && hasKey(secret, "username") && hasKey(secret, "password");
    if (!complete) {
      String problem = secret == null ? "not found" : "lacks key username or password";
      throw Failures.nonRetryable(
          ("Secret %s/%s in cluster %s %s; create it: kubectl create secret generic %s -n %s"
                  + " --from-literal=username=... --from-literal=password=...")
              .formatted(
                  ns,
                  r.credentialsSecret(),
                  r.cluster().cluster(),
                  problem,
                  r.credentialsSecret(),
                  ns),
          FailureTypes.SECRET_NOT_FOUND);
    }
  }

  private static boolean hasKey(Secret secret, String key) {
    return (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
  }

  /** Creates {@code desired} or converges the existing one, if it is gridshift's for r's source. */
  private <T extends HasMetadata> T apply(
      DeployTargetRequest r, T desired, Converger<T> converger) {
    UnaryOperator<T> converge =
        current -> {
          requireOwned(r, current);
          Claims.refuseOthers(current, r.claim(), r.cluster());
          converger.converge(current, desired);
          if (r.claim() != null) {
            Claims.annotate(current, r.claim());
          }
          return current;
        };
    return Edits.createOrConverge(client, desired, converge);
  }

  private static void requireOwned(DeployTargetRequest r, HasMetadata current) {
    Map<String, String> labels = current.getMetadata().getLabels();
    if (labels == null || !r.sourceGrid().equals(labels.get(GridLabels.SOURCE))) {
      throw Failures.invalidRequest(
          ("%s %s already exists and was not created by gridshift for grid %s (no label %s=%s);"
                  + " delete it or choose other names")
              .formatted(
                  current.getKind(),
                  Edits.qualifiedName(current),
                  r.sourceGrid(),
                  GridLabels.SOURCE,
                  r.sourceGrid()));
    }
  }

  private static void convergeService(Service current, Service desired) {
    current.getMetadata().getLabels().putAll(desired.getMetadata().getLabels());
    current.getSpec().setSelector(desired.getSpec().getSelector());
    current.getSpec().setPorts(desired.getSpec().getPorts());
  }

  private static void convergeConfigMap(ConfigMap current, ConfigMap desired) {
    current.getMetadata().getLabels().putAll(desired.getMetadata().getLabels());
    current.setData(desired.getData());
    current.setBinaryData(desired.getBinaryData());
  }

  /** Only the fields a StatefulSet lets change (selector, serviceName, claims are immutable). */
  private static void convergeGrid(StatefulSet current, StatefulSet desired) {
    current.getMetadata().getLabels().putAll(desired.getMetadata().getLabels());
    current.getSpec().setReplicas(desired.getSpec().getReplicas());
    current.getSpec().setTemplate(desired.getSpec().getTemplate());
    current.getSpec().setUpdateStrategy(desired.getSpec().getUpdateStrategy());
    current.getSpec().setMinReadySeconds(desired.getSpec().getMinReadySeconds());
  }

  /**
   * The fields gridshift sets on a target DeploymentConfig. A template change is a ConfigChange
   * trigger: OpenShift rolls it out as a new version.
   */
  private static void convergeDeploymentConfig(DeploymentConfig current, DeploymentConfig desired) {
    current.getMetadata().getLabels().putAll(desired.getMetadata().getLabels());
    current.getSpec().setReplicas(desired.getSpec().getReplicas());
    current.getSpec().setSelector(desired.getSpec().getSelector());
    current.getSpec().setTemplate(desired.getSpec().getTemplate());
    current.getSpec().setStrategy(desired.getSpec().getStrategy());
    current.getSpec().setTriggers(desired.getSpec().getTriggers());
    current.getSpec().setMinReadySeconds(desired.getSpec().getMinReadySeconds());
  }

  /** Brings {@code current} (modifiable) to {@code desired}. */
  @FunctionalInterface
  private interface Converger<T> {
    void converge(T current, T desired);
  }
}
