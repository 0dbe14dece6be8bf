package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.ActivityOptionsProfiles;
import io.gridshift.workflows.common.Causes;
import io.gridshift.workflows.common.Durations;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.WorkflowClock;
import io.gridshift.workflows.fleet.ClusterInventory;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetDiscoveryActivities;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * A stage's bake:
 *
 * <ol>
 *   <li>it waits {@code bake} after the stage's last grid and re-checks the health of the grids
 *       that upgraded {@value #CHECKS} times (at each third), one discovery call per cluster per
 *       check;
 *   <li>a grid counts as unhealthy when its agent lists it (or the workload its upgrade created in
 *       its place, {@link UpgradedWorkloads}) with replicas not ready, or no longer lists it at
 *       all; it becomes FAILED and counts against the stage's budget;
 *   <li>once the stage is over its budget the bake stops early (the stage then halts at gate {@code
 *       fleet-halted}): baking on would only delay the person who must decide;
 *   <li>a cluster whose agent does not answer is marked MISSING and its grids are not judged.
 * </ol>
 */
final class Bake {
  static final int CHECKS = 3;

  private final FleetState state;

  Bake(FleetState state) {
    this.state = state;
  }

  /**
   * Bakes {@code stage}; false when the fleet was aborted meanwhile. Stops after a check that left
   * {@code overBudget} true.
   */
  boolean bake(FleetStage stage, BooleanSupplier overBudget) {
    Duration total =
        stage.spec.bake() == null || stage.spec.bake().isBlank()
            ? Duration.ZERO
            : Durations.parse(stage.spec.bake());
    if (total.isZero()) {
      return true;
    }
    String before = stage.state;
    stage.state = FleetStage.BAKING;
    state.phase = FleetPhase.BAKING;
    state.message = "stage " + stage.name() + " bakes for " + stage.spec.bake();
    try {
      for (int i = 0; i < CHECKS; i++) {
        if (Workflow.await(total.dividedBy(CHECKS), () -> state.gates.abortRequest() != null)) {
          return false;
        }
        check(stage);
        if (overBudget.getAsBoolean()) {
          break;
        }
      }
      return true;
    } finally {
      stage.state = before;
      state.phase = FleetPhase.RUNNING;
    }
  }

  private void check(FleetStage stage) {
    Map<String, List<FleetGrid>> byCluster = new LinkedHashMap<>();
    for (FleetGrid g : state.gridsOf(stage.name())) {
      if (FleetGrid.SUCCEEDED.equals(g.state)) {
        byCluster.computeIfAbsent(g.id.cluster(), c -> new ArrayList<>()).add(g);
      }
    }
    Map<String, Promise<ClusterInventory>> asked = new LinkedHashMap<>();
    byCluster.forEach((cluster, grids) -> asked.put(cluster, ask(cluster, grids)));
    for (Map.Entry<String, Promise<ClusterInventory>> e : asked.entrySet()) {
      try {
        ClusterInventory inventory = e.getValue().get();
        state.agentSeen(e.getKey(), inventory.agent());
        byCluster.get(e.getKey()).forEach(g -> judge(g, inventory.grids()));
      } catch (RuntimeException failure) {
        state.agentMissing(
            e.getKey(), "the bake's health check got no answer: " + Causes.rootMessage(failure));
      }
    }
  }

  private Promise<ClusterInventory> ask(String cluster, List<FleetGrid> grids) {
    FleetDiscoveryActivities agent =
        Workflow.newActivityStub(
            FleetDiscoveryActivities.class,
            ActivityOptionsProfiles.firstContact(TaskQueues.cluster(cluster)));
    TreeSet<String> namespaces = new TreeSet<>();
    TreeSet<String> kinds = new TreeSet<>();
    grids.forEach(
        g -> {
          namespaces.add(g.id.namespace());
          kinds.add(g.id.kind());
        });
    return Async.function(agent::discover, cluster, List.copyOf(namespaces), List.copyOf(kinds));
  }

  private void judge(FleetGrid grid, List<DiscoveredGrid> found) {
    List<DiscoveredGrid> mine =
        found.stream().filter(d -> UpgradedWorkloads.standsFor(d, grid.id)).toList();
    String why = null;
    if (mine.isEmpty()) {
      why = "its agent no longer lists it";
    } else if (mine.stream().anyMatch(d -> Boolean.FALSE.equals(d.ready()))) {
      why = "replicas not ready";
    }
    if (why != null) {
      grid.state = FleetGrid.FAILED;
      grid.message = "unhealthy during the bake at " + WorkflowClock.now() + ": " + why;
    }
  }
}
