package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.hazelcast.bluegreen.TargetRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the target StatefulSet of a blue-green upgrade beside the source:
 *
 * <ol>
 *   <li>a copy of the source's spec (same replicas, volumes, the same member ConfigMap: same maps,
 *       backup counts, serialization and journals), with the target image;
 *   <li>the source's cluster name, unchanged: clients authenticate with the cluster name they were
 *       configured with, and after switch-traffic the same clients reach the target through the
 *       same Service (a target of its own cluster name refused every one of them: "The configured
 *       cluster name on the client ... does not match", found by the demo). The two clusters stay
 *       apart because blue-green is only taken across minor versions, whose open-source members
 *       refuse to join each other, and because the target's members discover their own pods (the
 *       sandbox: tcp-ip over the workload's pods);
 *   <li>its own pod labels: the source's without the source's selector keys, plus {@value #LABEL} =
 *       its name, which is its selector. The client Service's selector (the source's labels)
 *       therefore never matches a target pod before switch-traffic sets it to {@value #LABEL}.
 * </ol>
 *
 * Creating what already exists as asked does nothing, so a retry is harmless.
 */
final class TargetDeployer {
  private static final Logger LOG = LoggerFactory.getLogger(TargetDeployer.class);

  /** The label that selects a blue-green target's pods. */
  static final String LABEL = "gridshift.io/grid";

  private final KubernetesClient client;

  TargetDeployer(KubernetesClient client) {
    this.client = client;
  }

  /** The target's pod selector. */
  static Map<String, String> selector(String target) {
    return Map.of(LABEL, target);
  }

  void deploy(TargetRequest request) {
    String ns = request.source().cluster().namespace();
    StatefulSet source =
        client.apps().statefulSets().inNamespace(ns).withName(request.source().name()).get();
    if (source == null) {
      throw Failures.gridNotFound(Workload.describe(request.source()) + " not found");
    }
    if (client.apps().statefulSets().inNamespace(ns).withName(request.target()).get() != null) {
      LOG.info("StatefulSet {}/{} exists already", ns, request.target());
      return;
    }
    client.apps().statefulSets().inNamespace(ns).resource(target(source, request)).create();
    LOG.info("created StatefulSet {}/{} ({})", ns, request.target(), request.image());
  }

  static StatefulSet target(StatefulSet source, TargetRequest request) {
    Map<String, String> labels =
        new LinkedHashMap<>(source.getSpec().getTemplate().getMetadata().getLabels());
    source.getSpec().getSelector().getMatchLabels().keySet().forEach(labels::remove);
    labels.putAll(selector(request.target()));
    StatefulSet target =
        new StatefulSetBuilder(source)
            .withNewMetadata()
            .withName(request.target())
            .withNamespace(source.getMetadata().getNamespace())
            .withLabels(selector(request.target()))
            .endMetadata()
            .editSpec()
            .withNewSelector()
            .withMatchLabels(selector(request.target()))
            .endSelector()
            .editTemplate()
            .editMetadata()
            .withLabels(labels)
            .endMetadata()
            .endTemplate()
            .endSpec()
            .withStatus(null)
            .build();
    var container =
        target.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals(request.container()))
            .findFirst()
            .orElseThrow(
                () ->
                    Failures.invalidRequest(
                        "%s has no container %s"
                            .formatted(Workload.describe(request.source()), request.container())));
    container.setImage(request.image());
    return target;
  }

  /** Deletes a StatefulSet (gone already is fine); its ConfigMap stays, the target mounts it. */
  void deleteStatefulSet(io.gridshift.workflows.activities.WorkloadRef source) {
    client
        .apps()
        .statefulSets()
        .inNamespace(source.cluster().namespace())
        .withName(source.name())
        .delete();
    LOG.info("deleted {}", Workload.describe(source));
  }
}
