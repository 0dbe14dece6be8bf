package io.gridshift.demo.chaos;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.HazelcastDemo;
import io.gridshift.demo.HazelcastDemoGrid;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastSteps;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's Hazelcast grid (3 members, GRACEFUL shutdown, maps with backup-count 1) rolled 5.3.6
 * -> 5.3.8 with a canary.
 */
final class HazelcastChaosGrid implements ChaosGrid {
  static final int REPLICAS = 3;
  private static final String TRAFFIC_MAP = "sessions";

  private final KubernetesClient kube;
  private final String namespace;
  private final HazelcastDemoGrid grid;

  HazelcastChaosGrid(KubernetesClient kube, String namespace) {
    this.kube = kube;
    this.namespace = namespace;
    this.grid = new HazelcastDemoGrid(kube, namespace, HazelcastDemoGrid.GRID);
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public String kind() {
    return "hazelcast";
  }

  @Override
  public void create() throws Exception {
    grid.create(HazelcastDemo.SOURCE_VERSION, REPLICAS);
    grid.awaitReady(REPLICAS, Duration.ofMinutes(5), ready -> {});
    ChaosPods.awaitSteadilyReady(kube, namespace, grid.name(), REPLICAS);
  }

  @Override
  public Map<String, Integer> load(int entries) {
    return grid.load(entries, done -> {});
  }

  @Override
  public GridOps trafficOps() {
    return grid.trafficOps(TRAFFIC_MAP);
  }

  @Override
  public String targetVersion() {
    return HazelcastDemo.TARGET_VERSION;
  }

  @Override
  public String targetImage() {
    return "hazelcast/hazelcast:" + targetVersion();
  }

  @Override
  public String request(String targetVersion) {
    return """
        {"kind": "hazelcast",
         "cluster": {"cluster": "%s", "namespace": "%s"},
         "grid": "%s",
         "workloadKind": "%s",
         "targetVersion": "%s",
         "canary": true,
         "requestedBy": "%s"}"""
        .formatted(
            ChaosLane.CLUSTER,
            namespace,
            grid.name(),
            grid.kind(),
            targetVersion,
            ChaosDriver.REQUESTER);
  }

  @Override
  public long missingKeys(UpgradeStatus result, Map<String, Integer> loaded) {
    return grid.lostKeys(loaded).values().stream().mapToLong(Integer::longValue).sum();
  }

  /**
   * Once the roll is past its canary (step {@code roll}, the partition below {@code replicas - 1}),
   * a ready member whose ordinal is not the partition (the one being replaced now).
   */
  @Override
  public Optional<String> memberToKill(UpgradeStatus status) {
    if (status == null || !HazelcastSteps.ROLL.equals(status.currentStep())) {
      return Optional.empty();
    }
    StatefulSet sts = kube.apps().statefulSets().inNamespace(namespace).withName(grid.name()).get();
    Integer partition = partition(sts);
    if (partition == null || partition >= REPLICAS - 1) {
      return Optional.empty();
    }
    String replaced = grid.name() + "-" + partition;
    return ChaosPods.readyPods(kube, namespace, grid.name()).stream()
        .map(Pod::getMetadata)
        .map(m -> m.getName())
        .filter(name -> !name.equals(replaced))
        .findFirst();
  }

  private static Integer partition(StatefulSet sts) {
    if (sts == null
        || sts.getSpec().getUpdateStrategy() == null
        || sts.getSpec().getUpdateStrategy().getRollingUpdate() == null) {
      return null;
    }
    return sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition();
  }

  @Override
  public void tearDown() throws InterruptedException {
    ChaosPods.deleteAll(kube, namespace);
  }
}
