package io.gridshift.demo.fleet;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.traffic.GridOps;
import java.time.Duration;
import java.util.Map;

/**
 * One grid of the fleet demo in its cluster, whatever its kind: create it, wait for it, load its
 * data, read every key back, and reach it as a client does (through its Service).
 */
interface FleetDemoGrid {

  /** The grid's place in the story. */
  DemoGridPlan plan();

  /** Creates its objects (ConfigMap, StatefulSet, Service) running {@code version}. */
  void create(String version);

  /** Waits until every pod is ready. */
  void awaitReady(Duration timeout) throws InterruptedException;

  /** Loads {@code entries} entries; returns how many per cache or map. */
  Map<String, Integer> load(int entries) throws Exception;

  /** Of the {@code loaded} keys, how many are absent or changed now. */
  long missingKeys(Map<String, Integer> loaded);

  /** A traffic-probe client on the grid's Service, in a cache or map of its own. */
  GridOps trafficOps();

  /** The grid of {@code plan} in the cluster {@code kube} reaches. */
  static FleetDemoGrid of(DemoGridPlan plan, KubernetesClient kube) {
    return switch (plan.kind()) {
      case FleetLayout.INFINISPAN -> new InfinispanFleetGrid(plan, kube);
      case FleetLayout.HAZELCAST -> new HazelcastFleetGrid(plan, kube);
      default ->
          throw new IllegalArgumentException("the fleet demo has no grid of kind " + plan.kind());
    };
  }
}
