package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.ActivityOptionsProfiles;
import io.gridshift.workflows.common.Causes;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.fleet.ClusterInventory;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetDiscoveryActivities;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Makes a fleet's plan:
 *
 * <ol>
 *   <li>resolves each kind's target version once ({@code VersionTargets});
 *   <li>asks every cluster the selector can touch for its grids, all clusters at once, one activity
 *       each on the cluster's queue; a cluster whose agent does not pick the call up within {@link
 *       ActivityOptionsProfiles#AGENT_PICKUP} is MISSING (its explicitly listed grids UNREACHABLE)
 *       and the plan goes on with the others;
 *   <li>keeps the grids the fleet selector takes;
 *   <li>runs every grid's dry run (its kind's workflow with dryRun, id {@code <upgrade id>-plan}),
 *       at most {@link FleetRun#MAX_PENDING_PLANS} at once; a refusal becomes a REFUSED grid with
 *       the reason; it stops early (to continue as new) when {@code stopEarly} says so;
 *   <li>assigns the selected grids to the stages ({@code StageAssignment}), before the dry runs:
 *       the selectors read workload labels, which only discovery has.
 * </ol>
 */
final class FleetPlanner {
  private final FleetState state;
  private final FleetChildren children;

  FleetPlanner(FleetState state, FleetChildren children) {
    this.state = state;
    this.children = children;
  }

  /** Steps 1-3: the grids, each PENDING with its dry run to come. */
  void discover() {
    FleetSpec spec = state.spec;
    Map<String, String> versions = new LinkedHashMap<>();
    spec.targets().forEach((kind, target) -> versions.put(kind, PlanRules.resolve(kind, target)));
    state.versions = versions;
    Map<String, Promise<ClusterInventory>> asked = new LinkedHashMap<>();
    for (FleetCluster cluster : spec.clusters()) {
      if (FleetSelection.asks(spec.grids(), cluster)) {
        asked.put(cluster.name(), ask(cluster.name()));
      }
    }
    List<DiscoveredGrid> selected = new ArrayList<>();
    for (Map.Entry<String, Promise<ClusterInventory>> e : asked.entrySet()) {
      try {
        ClusterInventory inventory = e.getValue().get();
        state.agentSeen(e.getKey(), inventory.agent());
        for (DiscoveredGrid grid : inventory.grids()) {
          if (FleetSelection.selects(spec, grid)) {
            add(grid.id(), grid.version(), FleetGrid.PENDING, null, inventory.agent());
            selected.add(grid);
          }
        }
      } catch (ActivityFailure failure) {
        String why = missing(e.getKey(), failure);
        state.agentMissing(e.getKey(), why);
        unreachable(e.getKey(), why);
      }
    }
    assignStages(selected);
  }

  private Promise<ClusterInventory> ask(String cluster) {
    FleetDiscoveryActivities agent =
        Workflow.newActivityStub(
            FleetDiscoveryActivities.class,
            ActivityOptionsProfiles.firstContact(TaskQueues.cluster(cluster)));
    FleetSpec.GridSelector s = state.spec.grids();
    List<String> namespaces = s == null || s.namespaces() == null ? List.of() : s.namespaces();
    List<String> kinds = new ArrayList<>(state.spec.targets().keySet());
    return Async.function(agent::discover, cluster, namespaces, kinds);
  }

  /** Grids listed explicitly in a cluster that did not answer: UNREACHABLE, for a later retry. */
  private void unreachable(String cluster, String why) {
    FleetSpec.GridSelector s = state.spec.grids();
    if (s == null || s.explicit() == null) {
      return;
    }
    for (GridId id : s.explicit()) {
      if (cluster.equals(id.cluster())) {
        add(id, null, FleetGrid.UNREACHABLE, why, null);
      }
    }
  }

  private void add(GridId id, String from, String gridState, String why, String agent) {
    String to = state.versions.get(id.kind());
    FleetGrid grid = new FleetGrid(id, from, to, gridState, null, agent);
    grid.message = why;
    if (to == null && FleetGrid.PENDING.equals(gridState)) {
      grid.state = FleetGrid.REFUSED;
      grid.message = "no allowed version of kind " + id.kind() + " matches its target; fix targets";
    }
    if (GridKinds.find(id.kind()).isEmpty()) {
      grid.state = FleetGrid.REFUSED;
      grid.message = "kind '" + id.kind() + "' is not known to this worker";
    }
    state.grids.put(grid.path(), grid);
    if (FleetGrid.PENDING.equals(grid.state)) {
      state.toPlan.add(grid.path());
    }
  }

  /**
   * Step 4: runs the dry runs still to run, a sliding window of at most {@code window}; returns
   * false when it stopped early because {@code stopEarly} said so for that window (the rest stay in
   * {@code toPlan}).
   */
  boolean dryRuns(int window, IntPredicate stopEarly) {
    int[] pending = {0};
    while (!state.toPlan.isEmpty()) {
      if (stopEarly.test(window)) {
        Workflow.await(() -> pending[0] == 0);
        return false;
      }
      Workflow.await(() -> pending[0] < window);
      FleetGrid grid = state.grids.get(state.toPlan.remove(0));
      pending[0]++;
      children.plan(grid).thenApply(v -> pending[0]--);
    }
    Workflow.await(() -> pending[0] == 0);
    return true;
  }

  /**
   * Step 5, before the dry runs (the selectors read the workloads' labels, which only discovery
   * has): every grid lands in its stage, in plan order; a grid no stage takes is SKIPPED. A grid
   * its dry run refuses stays in its stage, REFUSED, counted against its budget.
   */
  private void assignStages(List<DiscoveredGrid> selected) {
    List<List<DiscoveredGrid>> stages = PlanRules.assign(state.spec, selected);
    for (int i = 0; i < stages.size() && i < state.stages.size(); i++) {
      for (DiscoveredGrid d : stages.get(i)) {
        state.grids.get(d.id().path()).stage = state.stages.get(i).name();
      }
    }
    for (FleetGrid g : state.grids.values()) {
      if (FleetGrid.PENDING.equals(g.state) && g.stage == null) {
        g.state = FleetGrid.SKIPPED;
        g.message = "no stage takes it; add a last stage without select, count or percent";
        state.toPlan.remove(g.path());
      }
    }
  }

  private static String missing(String cluster, ActivityFailure failure) {
    if (failure.getCause() instanceof TimeoutFailure t
        && t.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
      return "no agent serves cluster "
          + cluster
          + ": nothing picked up discovery on task queue "
          + TaskQueues.cluster(cluster)
          + " within "
          + ActivityOptionsProfiles.AGENT_PICKUP.toSeconds()
          + " s; start its agent in that cluster (./gridshift agent --config agent.yaml, or a"
          + " worker whose config lists cluster "
          + cluster
          + "), then retry its grids";
    }
    return "the agent of cluster "
        + cluster
        + " could not list its grids: "
        + Causes.rootMessage(failure);
  }
}
