package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigSpec;
import io.fabric8.openshift.api.model.DeploymentConfigStatus;
import io.fabric8.openshift.api.model.DeploymentStrategy;
import io.fabric8.openshift.api.model.RollingDeploymentStrategyParams;
import io.fabric8.openshift.client.OpenShiftClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's OpenShift DeploymentConfig controller ({@code apps.openshift.io/v1}), a reconcile
 * loop beside the StatefulSet and Deployment controllers. Each pass, per DeploymentConfig:
 *
 * <ol>
 *   <li>version: with a ConfigChange trigger (the API's default when none is given), the first pass
 *       sets {@code latestVersion} 1, and a pod template that differs from the one the latest
 *       version's pods were made from raises it by one (OpenShift's config-change trigger);
 *   <li>roll: {@link DeploymentPlanner}'s Rolling (maxSurge / maxUnavailable, default 25%, with
 *       minReadySeconds) or Recreate decision, where a pod is "new" when it belongs to the latest
 *       version; pods are created {@code <name>-<version>-<random>} with the template's labels plus
 *       {@code deploymentconfig=<name>} and {@code deployment=<name>-<version>}, and the
 *       annotations OpenShift writes ({@code openshift.io/deployment-config.name}, {@code
 *       openshift.io/deployment-config.latest-version}, {@code openshift.io/deployment.name});
 *   <li>status: {@link DeploymentConfigStatuses}, what {@code oc rollout status} reads.
 * </ol>
 *
 * <p>Simplified: no ReplicationController objects and no deployer pod (the pods are owned by the
 * DeploymentConfig itself; the status carries every number and condition the rollout status needs),
 * no lifecycle hooks, no ImageChange triggers, no {@code intervalSeconds} pacing. Pods of a
 * DeploymentConfig that is gone are deleted.
 */
public final class DeploymentConfigController implements AutoCloseable {
  static final String DC_LABEL = "deploymentconfig";
  static final String DEPLOYMENT_LABEL = "deployment";
  static final String NAME_ANNOTATION = "openshift.io/deployment-config.name";
  static final String VERSION_ANNOTATION = "openshift.io/deployment-config.latest-version";
  static final String RC_ANNOTATION = "openshift.io/deployment.name";

  /** The hash of the template a pod was made from: how a template change is noticed. */
  static final String TEMPLATE_ANNOTATION = "sandbox.gridshift.io/template-hash";

  private static final Logger log = LoggerFactory.getLogger(DeploymentConfigController.class);
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final long DEFAULT_TIMEOUT_SECONDS = 600;

  private final KubernetesClient client;
  private final ReconcileLoop loop;
  private final SecureRandom random = new SecureRandom();

  public DeploymentConfigController(KubernetesClient client, Duration interval) {
    this.client = client;
    this.loop = new ReconcileLoop("deploymentconfig-controller", interval, this::reconcileAll);
  }

  public DeploymentConfigController start() {
    loop.start();
    return this;
  }

  void reconcileAll() {
    OpenShiftClient openShift = client.adapt(OpenShiftClient.class);
    List<DeploymentConfig> configs =
        openShift.deploymentConfigs().inAnyNamespace().list().getItems();
    Map<String, List<Pod>> byOwner =
        client.pods().inAnyNamespace().list().getItems().stream()
            .filter(p -> Pods.controllerUid(p, "DeploymentConfig") != null)
            .collect(Collectors.groupingBy(p -> Pods.controllerUid(p, "DeploymentConfig")));
    for (DeploymentConfig dc : configs) {
      try {
        reconcile(dc, byOwner.getOrDefault(dc.getMetadata().getUid(), List.of()));
      } catch (KubernetesClientException e) {
        log.debug("DeploymentConfig {}: pass failed, will retry: {}", Pods.key(dc), e.getMessage());
      }
    }
    Set<String> live =
        configs.stream().map(d -> d.getMetadata().getUid()).collect(Collectors.toSet());
    byOwner.forEach(
        (uid, owned) -> {
          if (!live.contains(uid)) {
            owned.forEach(p -> deletePod(p, "its DeploymentConfig is gone"));
          }
        });
  }

  private void reconcile(DeploymentConfig dc, List<Pod> owned) {
    String hash = TemplateHash.of(dc.getSpec().getTemplate());
    long latest = latestVersion(dc, owned, hash);
    DeploymentPlanner.Spec spec = plannerSpec(dc.getSpec(), latest);
    Instant now = Instant.now();
    if (latest > 0) {
      DeploymentPlanner.Plan plan =
          DeploymentPlanner.plan(spec, owned, now, DeploymentConfigController::version);
      for (int i = 0; i < plan.creates(); i++) {
        createPod(dc, latest, hash);
      }
      for (Pod pod : plan.deletes()) {
        deletePod(pod, "DeploymentConfig " + Pods.key(dc) + " rolls or scales it");
      }
    }
    DeploymentConfigStatus status =
        DeploymentConfigStatuses.compute(
            dc, spec, latest, timeoutSeconds(dc.getSpec()), owned, now);
    if (!Objects.equals(dc.getStatus(), status)) {
      DeploymentConfig copy = Serialization.clone(dc);
      copy.setStatus(status);
      client
          .adapt(OpenShiftClient.class)
          .deploymentConfigs()
          .inNamespace(dc.getMetadata().getNamespace())
          .resource(copy)
          .replaceStatus();
    }
  }

  /**
   * The version to roll to: the status's, raised by one when the ConfigChange trigger fires (first
   * pass, or a template unlike the one the latest version's pods carry). Without pods of the latest
   * version the template they were made from is unknown, and the version stays.
   */
  static long latestVersion(DeploymentConfig dc, List<Pod> pods, String hash) {
    long latest =
        dc.getStatus() == null || dc.getStatus().getLatestVersion() == null
            ? 0
            : dc.getStatus().getLatestVersion();
    if (!configChangeTriggered(dc.getSpec())) {
      return latest;
    }
    if (latest == 0) {
      return 1;
    }
    String current = String.valueOf(latest);
    return pods.stream()
        .filter(p -> current.equals(version(p)))
        .map(p -> p.getMetadata().getAnnotations().get(TEMPLATE_ANNOTATION))
        .filter(Objects::nonNull)
        .findFirst()
        .map(deployed -> deployed.equals(hash) ? latest : latest + 1)
        .orElse(latest);
  }

  private static boolean configChangeTriggered(DeploymentConfigSpec spec) {
    return spec.getTriggers() == null
        || spec.getTriggers().stream().anyMatch(t -> "ConfigChange".equals(t.getType()));
  }

  /** The version a pod belongs to (its {@value #VERSION_ANNOTATION} annotation), or null. */
  static String version(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(VERSION_ANNOTATION);
  }

  static DeploymentPlanner.Spec plannerSpec(DeploymentConfigSpec spec, long latestVersion) {
    int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
    DeploymentStrategy strategy = spec.getStrategy();
    boolean recreate = strategy != null && "Recreate".equals(strategy.getType());
    RollingDeploymentStrategyParams rolling = strategy == null ? null : strategy.getRollingParams();
    int surge =
        recreate
            ? 0
            : DeploymentPlanner.resolve(
                rolling == null ? null : rolling.getMaxSurge(), replicas, true, "25%");
    int unavailable =
        recreate
            ? 0
            : DeploymentPlanner.resolve(
                rolling == null ? null : rolling.getMaxUnavailable(), replicas, false, "25%");
    if (!recreate && surge == 0 && unavailable == 0) {
      unavailable = 1; // as for Deployments: both zero would never make progress
    }
    return new DeploymentPlanner.Spec(
        replicas,
        recreate,
        surge,
        unavailable,
        spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds(),
        Boolean.TRUE.equals(spec.getPaused()),
        String.valueOf(latestVersion));
  }

  private static long timeoutSeconds(DeploymentConfigSpec spec) {
    DeploymentStrategy strategy = spec.getStrategy();
    Long timeout =
        strategy == null
            ? null
            : strategy.getRollingParams() != null
                ? strategy.getRollingParams().getTimeoutSeconds()
                : strategy.getRecreateParams() == null
                    ? null
                    : strategy.getRecreateParams().getTimeoutSeconds();
    return timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout;
  }

  private void createPod(DeploymentConfig dc, long version, String hash) {
    PodTemplateSpec template = dc.getSpec().getTemplate();
    String name = dc.getMetadata().getName();
    String rc = name + "-" + version;
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (template.getMetadata() != null) {
      if (template.getMetadata().getLabels() != null) {
        labels.putAll(template.getMetadata().getLabels());
      }
      if (template.getMetadata().getAnnotations() != null) {
        annotations.putAll(template.getMetadata().getAnnotations());
      }
    }
    labels.put(DC_LABEL, name);
    labels.put(DEPLOYMENT_LABEL, rc);
    annotations.put(NAME_ANNOTATION, name);
    annotations.put(VERSION_ANNOTATION, String.valueOf(version));
    annotations.put(RC_ANNOTATION, rc);
    annotations.put(TEMPLATE_ANNOTATION, hash);
    String podName = rc + "-" + suffix();
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(podName)
            .withNamespace(dc.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(annotations)
            .withOwnerReferences(Pods.controllerReference(dc))
            .endMetadata()
            .withSpec(Serialization.clone(template.getSpec()))
            .build();
    client.pods().inNamespace(dc.getMetadata().getNamespace()).resource(pod).create();
    log.info("DeploymentConfig {}: created pod {}", Pods.key(dc), podName);
  }

  private String suffix() {
    StringBuilder s = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      s.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return s.toString();
  }

  private void deletePod(Pod pod, String why) {
    if (Pods.isTerminating(pod)) {
      return;
    }
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .delete();
    log.info("pod {}: deleting ({})", Pods.key(pod), why);
  }

  @Override
  public void close() {
    loop.close();
  }
}
