package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
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
 * The sandbox's Deployment controller: a reconcile loop that runs {@link DeploymentPlanner}'s
 * decision, creates pods {@code <name>-<pod-template-hash>-<random>} directly (no ReplicaSet
 * objects), deletes pods gracefully, writes the status {@code kubectl rollout status} reads
 * (observedGeneration, replica counts, Available and Progressing conditions) and deletes the pods
 * of Deployments that are gone.
 */
public final class DeploymentController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeploymentController.class);
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final KubernetesClient client;
  private final ReconcileLoop loop;
  private final SecureRandom random = new SecureRandom();

  public DeploymentController(KubernetesClient client, Duration interval) {
    this.client = client;
    this.loop = new ReconcileLoop("deployment-controller", interval, this::reconcileAll);
  }

  public DeploymentController start() {
    loop.start();
    return this;
  }

  void reconcileAll() {
    List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    Map<String, List<Pod>> byOwner =
        pods.stream()
            .filter(p -> Pods.controllerUid(p, "Deployment") != null)
            .collect(Collectors.groupingBy(p -> Pods.controllerUid(p, "Deployment")));
    for (Deployment deployment : deployments) {
      try {
        reconcile(deployment, byOwner.getOrDefault(deployment.getMetadata().getUid(), List.of()));
      } catch (KubernetesClientException e) {
        log.debug(
            "Deployment {}: pass failed, will retry: {}", Pods.key(deployment), e.getMessage());
      }
    }
    Set<String> live =
        deployments.stream().map(d -> d.getMetadata().getUid()).collect(Collectors.toSet());
    byOwner.forEach(
        (uid, owned) -> {
          if (!live.contains(uid)) {
            owned.forEach(p -> deletePod(p, "its Deployment is gone"));
          }
        });
  }

  private void reconcile(Deployment deployment, List<Pod> owned) {
    DeploymentPlanner.Spec spec = plannerSpec(deployment.getSpec());
    Instant now = Instant.now();
    DeploymentPlanner.Plan plan = DeploymentPlanner.plan(spec, owned, now);
    for (int i = 0; i < plan.creates(); i++) {
      createPod(deployment, spec.hash());
    }
    for (Pod pod : plan.deletes()) {
      deletePod(pod, "Deployment " + Pods.key(deployment) + " rolls or scales it");
    }
    DeploymentStatus status = DeploymentStatuses.compute(deployment, spec, owned, now);
    if (!Objects.equals(deployment.getStatus(), status)) {
      Deployment copy = Serialization.clone(deployment);
      copy.setStatus(status);
      client
          .apps()
          .deployments()
          .inNamespace(deployment.getMetadata().getNamespace())
          .resource(copy)
          .replaceStatus();
    }
  }

  static DeploymentPlanner.Spec plannerSpec(DeploymentSpec spec) {
    int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
    DeploymentStrategy strategy = spec.getStrategy();
    boolean recreate = strategy != null && "Recreate".equals(strategy.getType());
    var rolling = strategy == null ? null : strategy.getRollingUpdate();
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
      unavailable = 1; // Kubernetes' rule: both zero would never make progress
    }
    return new DeploymentPlanner.Spec(
        replicas,
        recreate,
        surge,
        unavailable,
        spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds(),
        Boolean.TRUE.equals(spec.getPaused()),
        TemplateHash.of(spec.getTemplate()));
  }

  private void createPod(Deployment deployment, String hash) {
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(DeploymentPlanner.HASH_LABEL, hash);
    String name = deployment.getMetadata().getName() + "-" + hash + "-" + suffix();
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(deployment.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(
                template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
            .withOwnerReferences(Pods.controllerReference(deployment))
            .endMetadata()
            .withSpec(Serialization.clone(template.getSpec()))
            .build();
    client.pods().inNamespace(deployment.getMetadata().getNamespace()).resource(pod).create();
    log.info("Deployment {}: created pod {}", Pods.key(deployment), name);
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
