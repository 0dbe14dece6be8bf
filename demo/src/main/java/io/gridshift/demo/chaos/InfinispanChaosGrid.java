package io.gridshift.demo.chaos;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.DemoReport;
import io.gridshift.demo.InfinispanDemo;
import io.gridshift.demo.InfinispanDemoGrid;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.InfinispanOps;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.InfinispanSteps;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's Infinispan grid (three caches, one protostream-encoded, so the paused-writes path runs
 * too) with 2 pods, upgraded 14.0.28 -> 15.0.21 blue-green.
 */
final class InfinispanChaosGrid implements ChaosGrid {
  static final int REPLICAS = 2;
  private static final String TRAFFIC_CACHE = "sessions";
  private static final Set<String> SYNC_STEPS =
      Set.of(InfinispanSteps.SYNC_DATA, InfinispanSteps.SYNC_PAUSED_CACHES);

  private final KubernetesClient kube;
  private final String namespace;
  private final InfinispanDemoGrid grid;

  InfinispanChaosGrid(KubernetesClient kube, String namespace) {
    this.kube = kube;
    this.namespace = namespace;
    this.grid = new InfinispanDemoGrid(kube, namespace, InfinispanDemoGrid.GRID);
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public String kind() {
    return "infinispan";
  }

  @Override
  public void create() throws Exception {
    grid.create(InfinispanDemo.SOURCE_VERSION, REPLICAS);
    grid.awaitReady(REPLICAS, Duration.ofMinutes(5), ready -> {});
    grid.createCaches();
    ChaosPods.awaitSteadilyReady(kube, namespace, grid.name(), REPLICAS);
  }

  @Override
  public Map<String, Integer> load(int entries) {
    return grid.load(entries, done -> {});
  }

  @Override
  public GridOps trafficOps() {
    return new InfinispanOps(grid.serviceHost(), InfinispanDemoGrid.PORT, TRAFFIC_CACHE);
  }

  @Override
  public String targetVersion() {
    return InfinispanDemo.TARGET_VERSION;
  }

  @Override
  public String targetImage() {
    return "quay.io/infinispan/server:" + targetVersion();
  }

  @Override
  public String request(String targetVersion) {
    return """
        {"kind": "infinispan",
         "cluster": {"cluster": "%s", "namespace": "%s"},
         "grid": "%s",
         "targetVersion": "%s",
         "protostream": "PAUSE_WRITES",
         "requestedBy": "%s"}"""
        .formatted(ChaosLane.CLUSTER, namespace, grid.name(), targetVersion, ChaosDriver.REQUESTER);
  }

  @Override
  public long missingKeys(UpgradeStatus result, Map<String, Integer> loaded) {
    DemoReport report = DemoReport.of(result, loaded, grid.missingKeys(loaded));
    return report.caches().stream().mapToLong(c -> c.missingKeys() + c.loadedKeysMissing()).sum();
  }

  @Override
  public Optional<String> memberToKill(UpgradeStatus status) {
    if (status == null || !SYNC_STEPS.contains(status.currentStep())) {
      return Optional.empty();
    }
    return kube.apps().statefulSets().inNamespace(namespace).list().getItems().stream()
        .map(StatefulSet::getMetadata)
        .map(m -> m.getName())
        .filter(name -> !name.equals(grid.name()))
        .findFirst()
        .flatMap(target -> ChaosPods.readyPods(kube, namespace, target).stream().findFirst())
        .map(Pod::getMetadata)
        .map(m -> m.getName());
  }

  @Override
  public void tearDown() throws InterruptedException {
    ChaosPods.deleteAll(kube, namespace);
  }
}
