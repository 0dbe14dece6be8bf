package io.gridshift.demo.fleet;

import io.gridshift.workflows.fleet.FleetSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One grid of the fleet demo: where it lives, its kind and size, and the part it plays in the
 * story.
 *
 * @param cluster the cluster it lives in
 * @param namespace its namespace
 * @param name its workload's (and client Service's) name
 * @param kind the grid kind's name ({@code infinispan}, {@code hazelcast})
 * @param replicas pods (Infinispan) or members (Hazelcast)
 * @param canary whether it is the canary (label {@value #CANARY_LABEL}, which the first stage
 *     selects)
 * @param probed whether a traffic probe reads and writes through its Service during the run
 * @param unsafe whether its settings are ones the preflight refuses (a Hazelcast shutdown hook that
 *     is not GRACEFUL): the grid the fleet must refuse without halting
 */
public record DemoGridPlan(
    String cluster,
    String namespace,
    String name,
    String kind,
    int replicas,
    boolean canary,
    boolean probed,
    boolean unsafe) {

  /** The workload label the canary stage selects. */
  public static final String CANARY_LABEL = "gridshift.io/canary";

  /** {@code cluster/namespace/name}, as the fleet's status names grids. */
  public String path() {
    return cluster + "/" + namespace + "/" + name;
  }

  /** The grid as the fleet spec names it. */
  public FleetSpec.GridId id() {
    return new FleetSpec.GridId(cluster, namespace, name, kind);
  }

  /** The labels its workload carries: the application's, and the canary's mark. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/part-of", "shop");
    if (canary) {
      labels.put(CANARY_LABEL, "true");
    }
    return labels;
  }
}
