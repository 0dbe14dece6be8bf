package io.gridshift.demo.fleet;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.InfinispanDemoGrid;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.InfinispanOps;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An Infinispan grid of the fleet demo: the single demo's grid shape, in two caches without
 * protostream (so its upgrade needs no gate about paused writers).
 */
final class InfinispanFleetGrid implements FleetDemoGrid {
  private static final List<String> CACHES = List.of("events", "sessions");

  /** The cache the probe writes; its keys ({@code probe-<run>-<n>}) are never the loaded ones. */
  private static final String PROBE_CACHE = "sessions";

  private final DemoGridPlan plan;
  private final InfinispanDemoGrid grid;

  InfinispanFleetGrid(DemoGridPlan plan, KubernetesClient kube) {
    this.plan = plan;
    this.grid = new InfinispanDemoGrid(kube, plan.namespace(), plan.name());
  }

  @Override
  public DemoGridPlan plan() {
    return plan;
  }

  @Override
  public void create(String version) {
    grid.create(version, plan.replicas(), plan.labels());
  }

  @Override
  public void awaitReady(Duration timeout) throws InterruptedException {
    grid.awaitReady(plan.replicas(), timeout, ready -> {});
  }

  @Override
  public Map<String, Integer> load(int entries) throws Exception {
    grid.createCaches(CACHES);
    return grid.load(entries, CACHES, done -> {});
  }

  @Override
  public long missingKeys(Map<String, Integer> loaded) {
    return grid.missingKeys(loaded).values().stream().mapToLong(Integer::longValue).sum();
  }

  @Override
  public GridOps trafficOps() {
    return new InfinispanOps(grid.serviceHost(), InfinispanDemoGrid.PORT, PROBE_CACHE);
  }
}
