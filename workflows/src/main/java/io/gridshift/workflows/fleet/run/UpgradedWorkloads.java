package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import java.util.Map;

/**
 * Which discovered workloads stand for a grid after its upgrade, for the bake's health checks. An
 * in-place upgrade (Hazelcast) keeps the grid's own workload. A blue-green upgrade (Infinispan)
 * deploys a target beside it under another name and deletes the source at the end; the deploy
 * activity labels what it creates (activities' {@code GridLabels.managed}, applied by {@code
 * TargetManifests} to the target StatefulSet's own metadata, which discovery reads) with {@value
 * #MANAGED_BY_LABEL}{@code =}{@value #MANAGER} and {@value #SOURCE_LABEL}{@code =<source grid>}.
 *
 * <p>The rule: a workload of the grid's namespace stands for the grid when it has the grid's name,
 * or when gridshift manages it and it was created for the grid. A user's own workload that happens
 * to carry a {@code gridshift.io/source} label is not taken for the grid's target.
 */
public final class UpgradedWorkloads {
  /** The label naming the grid a workload was created for (activities' {@code GridLabels}). */
  public static final String SOURCE_LABEL = "gridshift.io/source";

  /** The label every object gridshift creates carries (activities' {@code GridLabels}). */
  public static final String MANAGED_BY_LABEL = "gridshift.io/managed-by";

  /** The value of {@link #MANAGED_BY_LABEL}. */
  public static final String MANAGER = "gridshift";

  private UpgradedWorkloads() {}

  /** Whether {@code found} is {@code grid}'s own workload, or the one its upgrade created. */
  public static boolean standsFor(DiscoveredGrid found, GridId grid) {
    if (!found.id().cluster().equals(grid.cluster())
        || !found.id().namespace().equals(grid.namespace())) {
      return false;
    }
    if (found.id().name().equals(grid.name())) {
      return true;
    }
    Map<String, String> labels = found.labels() == null ? Map.of() : found.labels();
    return MANAGER.equals(labels.get(MANAGED_BY_LABEL))
        && grid.name().equals(labels.get(SOURCE_LABEL));
  }
}
