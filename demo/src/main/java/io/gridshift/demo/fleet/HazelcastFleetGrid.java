package io.gridshift.demo.fleet;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.HazelcastDemoGrid;
import io.gridshift.demo.traffic.GridOps;
import java.time.Duration;
import java.util.Map;

/**
 * A Hazelcast grid of the fleet demo: the runbook's StatefulSet, or, for the grid meant to be
 * refused, the same with a shutdown hook that terminates instead of handing partitions over.
 */
final class HazelcastFleetGrid implements FleetDemoGrid {
  /** What the refused grid's members do on SIGTERM: leave without migrating their partitions. */
  static final String UNSAFE_SHUTDOWN_HOOK = "TERMINATE";

  /** The map the probe writes: not one of the loaded ones, so their counts stay exact. */
  private static final String PROBE_MAP = "probe";

  private final DemoGridPlan plan;
  private final HazelcastDemoGrid grid;

  HazelcastFleetGrid(DemoGridPlan plan, KubernetesClient kube) {
    this.plan = plan;
    this.grid = new HazelcastDemoGrid(kube, plan.namespace(), plan.name());
  }

  @Override
  public DemoGridPlan plan() {
    return plan;
  }

  @Override
  public void create(String version) {
    grid.create(
        version,
        plan.replicas(),
        plan.labels(),
        plan.unsafe() ? UNSAFE_SHUTDOWN_HOOK : HazelcastDemoGrid.GRACEFUL);
  }

  @Override
  public void awaitReady(Duration timeout) throws InterruptedException {
    grid.awaitReady(plan.replicas(), timeout, ready -> {});
  }

  @Override
  public Map<String, Integer> load(int entries) {
    return grid.load(entries, done -> {});
  }

  @Override
  public long missingKeys(Map<String, Integer> loaded) {
    return grid.lostKeys(loaded).values().stream().mapToLong(Integer::longValue).sum();
  }

  @Override
  public GridOps trafficOps() {
    return grid.trafficOps(PROBE_MAP);
  }
}
