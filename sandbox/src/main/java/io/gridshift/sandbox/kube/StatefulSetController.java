package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's StatefulSet controller: a reconcile loop over every StatefulSet that runs {@link
 * StatefulSetPlanner}'s decision, creates pods {@code <name>-<ordinal>} from the template of the
 * chosen revision, deletes pods gracefully (the kubelet stops them and removes the object), writes
 * the status {@code kubectl rollout status} reads, and deletes the pods of StatefulSets that are
 * gone (the mock has no garbage collector).
 */
public final class StatefulSetController implements AutoCloseable {
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
  private static final Logger log = LoggerFactory.getLogger(StatefulSetController.class);

  private final KubernetesClient client;
  private final ReconcileLoop loop;

  /** Templates by revision name, so pods below a partition can be recreated on the old one. */
  private final Map<String, PodTemplateSpec> revisions = new ConcurrentHashMap<>();

  public StatefulSetController(KubernetesClient client, Duration interval) {
    this.client = client;
    this.loop = new ReconcileLoop("statefulset-controller", interval, this::reconcileAll);
  }

  public StatefulSetController start() {
    loop.start();
    return this;
  }

  void reconcileAll() {
    List<StatefulSet> sets = client.apps().statefulSets().inAnyNamespace().list().getItems();
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    Map<String, List<Pod>> byOwner =
        pods.stream()
            .filter(p -> Pods.controllerUid(p, "StatefulSet") != null)
            .collect(Collectors.groupingBy(p -> Pods.controllerUid(p, "StatefulSet")));
    for (StatefulSet sts : sets) {
      try {
        reconcile(sts, byOwner.getOrDefault(sts.getMetadata().getUid(), List.of()));
      } catch (KubernetesClientException e) {
        log.debug("StatefulSet {}: pass failed, will retry: {}", Pods.key(sts), e.getMessage());
      }
    }
    Set<String> live = sets.stream().map(s -> s.getMetadata().getUid()).collect(Collectors.toSet());
    byOwner.forEach(
        (uid, owned) -> {
          if (!live.contains(uid)) {
            owned.forEach(p -> deletePod(p, "its StatefulSet is gone"));
          }
        });
  }

  private void reconcile(StatefulSet sts, List<Pod> owned) {
    String name = sts.getMetadata().getName();
    StatefulSetSpec spec = sts.getSpec();
    String updateRevision = name + "-" + TemplateHash.of(spec.getTemplate());
    revisions.putIfAbsent(updateRevision, spec.getTemplate());
    StatefulSetStatus status = sts.getStatus();
    String currentRevision =
        status == null || status.getCurrentRevision() == null
            ? updateRevision
            : status.getCurrentRevision();
    StatefulSetPlanner.Spec plannerSpec = plannerSpec(spec, currentRevision, updateRevision);
    Map<Integer, Pod> byOrdinal = byOrdinal(name, owned);
    Instant now = Instant.now();

    StatefulSetPlanner.Plan plan = StatefulSetPlanner.plan(plannerSpec, byOrdinal, now);
    for (StatefulSetPlanner.Create create : plan.creates()) {
      // After a sandbox restart an old revision's template is unknown: fall back to the new one.
      String revision =
          revisions.containsKey(create.revision()) ? create.revision() : updateRevision;
      createPod(sts, create.ordinal(), revision);
    }
    for (Pod pod : plan.deletes()) {
      deletePod(pod, "StatefulSet " + Pods.key(sts) + " rolls or scales it");
    }
    writeStatus(sts, StatefulSetStatuses.compute(sts, plannerSpec, owned, now));
  }

  private StatefulSetPlanner.Spec plannerSpec(
      StatefulSetSpec spec, String currentRevision, String updateRevision) {
    boolean rolling =
        spec.getUpdateStrategy() == null || !"OnDelete".equals(spec.getUpdateStrategy().getType());
    Integer partition =
        rolling
                && spec.getUpdateStrategy() != null
                && spec.getUpdateStrategy().getRollingUpdate() != null
            ? spec.getUpdateStrategy().getRollingUpdate().getPartition()
            : null;
    return new StatefulSetPlanner.Spec(
        spec.getReplicas() == null ? 1 : spec.getReplicas(),
        partition == null ? 0 : partition,
        rolling,
        !"Parallel".equals(spec.getPodManagementPolicy()),
        spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds(),
        currentRevision,
        updateRevision);
  }

  private static Map<Integer, Pod> byOrdinal(String name, List<Pod> owned) {
    Pattern pattern = Pattern.compile(Pattern.quote(name) + "-(\\d+)");
    Map<Integer, Pod> byOrdinal = new HashMap<>();
    for (Pod pod : owned) {
      Matcher m = pattern.matcher(pod.getMetadata().getName());
      if (m.matches()) {
        byOrdinal.put(Integer.parseInt(m.group(1)), pod);
      }
    }
    return byOrdinal;
  }

  private void createPod(StatefulSet sts, int ordinal, String revision) {
    PodTemplateSpec template = revisions.get(revision);
    String podName = sts.getMetadata().getName() + "-" + ordinal;
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(StatefulSetPlanner.REVISION_LABEL, revision);
    labels.put(POD_NAME_LABEL, podName);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    PodSpec podSpec = Serialization.clone(template.getSpec());
    podSpec.setHostname(podName);
    podSpec.setSubdomain(sts.getSpec().getServiceName());
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(podName)
            .withNamespace(sts.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(
                template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
            .withOwnerReferences(Pods.controllerReference(sts))
            .endMetadata()
            .withSpec(podSpec)
            .build();
    client.pods().inNamespace(sts.getMetadata().getNamespace()).resource(pod).create();
    log.info("StatefulSet {}: created pod {} (revision {})", Pods.key(sts), podName, revision);
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

  private void writeStatus(StatefulSet sts, StatefulSetStatus status) {
    if (Objects.equals(sts.getStatus(), status)) {
      return;
    }
    StatefulSet copy = Serialization.clone(sts);
    copy.setStatus(new StatefulSetStatusBuilder(status).build());
    client
        .apps()
        .statefulSets()
        .inNamespace(sts.getMetadata().getNamespace())
        .resource(copy)
        .replaceStatus();
  }

  @Override
  public void close() {
    loop.close();
  }
}
