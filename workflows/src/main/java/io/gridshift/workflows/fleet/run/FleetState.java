package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.WorkflowClock;
import io.gridshift.workflows.fleet.FleetCheckpoint;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.AgentStatus;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a fleet run knows: the grids and their states, the stages, the agents, the phase.
 * Written only on the workflow thread (the run, child callbacks and handlers); {@link #changes}
 * counts every change that may let the run move on, and the run awaits it.
 */
public final class FleetState {
  final FleetSpec spec;
  final Gatekeeper gates;
  final Map<String, FleetGrid> grids = new LinkedHashMap<>();
  final List<FleetStage> stages = new ArrayList<>();
  final Map<String, AgentStatus> agents = new LinkedHashMap<>();
  Map<String, String> versions = Map.of();

  /** Grids of the current stage waiting for their turn, in order. */
  final Map<String, FleetGrid> queued = new LinkedHashMap<>();

  /** Paths of grids whose dry run has not run yet. */
  final List<String> toPlan = new ArrayList<>();

  FleetPhase phase = FleetPhase.PLANNING;
  String message;
  int stage;
  String stageApprover;
  String nextWindow;
  int runs;
  int changes;

  public FleetState(FleetSpec spec, Gatekeeper gates) {
    this.spec = spec;
    this.gates = gates;
    for (FleetSpec.StageSpec s :
        spec.stages() == null ? List.<FleetSpec.StageSpec>of() : spec.stages()) {
      stages.add(new FleetStage(s));
    }
  }

  /** Takes over what an earlier run carried. */
  public void restore(FleetCheckpoint c) {
    versions = c.versions();
    c.grids().forEach(g -> grids.put(g.path(), FleetGrid.of(g)));
    toPlan.addAll(c.toPlan());
    for (int i = 0; i < stages.size() && i < c.stages().size(); i++) {
      stages.set(i, FleetStage.of(stages.get(i).spec, c.stages().get(i)));
    }
    c.agents().forEach(a -> agents.put(a.cluster(), a));
    stage = c.stage();
    stageApprover = c.stageApprover();
    runs = c.runs() + 1;
    gates.restore(c.audit(), c.paused());
    phase = c.planning() ? FleetPhase.PLANNING : FleetPhase.RUNNING;
  }

  /** What the next run carries. */
  public FleetCheckpoint checkpoint() {
    return new FleetCheckpoint(
        !toPlan.isEmpty(),
        versions,
        grids.values().stream().map(FleetGrid::toStatus).toList(),
        List.copyOf(toPlan),
        stageStatuses(),
        List.copyOf(agents.values()),
        stage,
        stageApprover,
        gates.audit(),
        gates.paused(),
        runs);
  }

  /** The accepted abort request as the action the children are asked to abort with. */
  io.gridshift.workflows.common.OperatorAction abortAction() {
    var a = gates.abortRequest();
    return new io.gridshift.workflows.common.OperatorAction(a.by(), a.comment());
  }

  public void changed() {
    changes++;
  }

  FleetStage current() {
    return stage < stages.size() ? stages.get(stage) : null;
  }

  void agentSeen(String cluster, String identity) {
    agents.put(
        cluster,
        new AgentStatus(
            cluster, TaskQueues.cluster(cluster), "SEEN", identity, WorkflowClock.now(), null));
  }

  void agentMissing(String cluster, String message) {
    AgentStatus before = agents.get(cluster);
    agents.put(
        cluster,
        new AgentStatus(
            cluster,
            TaskQueues.cluster(cluster),
            "MISSING",
            before == null ? null : before.identity(),
            before == null ? null : before.seenAt(),
            message));
  }

  /** Whether clusters were asked for their grids and not one agent answered. */
  boolean noClusterAnswered() {
    return !agents.isEmpty() && agents.values().stream().allMatch(a -> "MISSING".equals(a.state()));
  }

  /** Why a fleet whose agents all missed fails: each cluster's task queue, and what to do. */
  String noAgentsMessage() {
    return "no cluster's agent answered, so nothing was discovered or changed: "
        + agents.values().stream()
            .map(a -> a.cluster() + " (task queue " + a.taskQueue() + ")")
            .collect(java.util.stream.Collectors.joining(", "))
        + "; start each cluster's agent (./gridshift agent --config agent.yaml) or a worker whose"
        + " config lists it, then start the fleet again";
  }

  String agentOf(String cluster) {
    AgentStatus a = agents.get(cluster);
    return a == null ? null : a.identity();
  }

  /** Grids of stage {@code name}, in plan order. */
  List<FleetGrid> gridsOf(String name) {
    return grids.values().stream().filter(g -> name.equals(g.stage)).toList();
  }

  /** Failures that count against stage {@code name}'s budget: failed, or refused by its plan. */
  int failedIn(String name) {
    int n = 0;
    for (FleetGrid g : grids.values()) {
      if (name.equals(g.stage)
          && (FleetGrid.FAILED.equals(g.state) || FleetGrid.REFUSED.equals(g.state))) {
        n++;
      }
    }
    return n;
  }

  private List<FleetStatus.StageStatus> stageStatuses() {
    Map<String, List<String>> paths = new LinkedHashMap<>();
    stages.forEach(s -> paths.put(s.name(), new ArrayList<>()));
    for (FleetGrid g : grids.values()) {
      if (g.stage != null && paths.containsKey(g.stage)) {
        paths.get(g.stage).add(g.path());
      }
    }
    return stages.stream().map(s -> s.toStatus(paths.get(s.name()))).toList();
  }

  /** The status query's answer. */
  public FleetStatus status(FleetStatus.Budget budget) {
    FleetStage current = current();
    return new FleetStatus(
        Workflow.getInfo().getWorkflowId(),
        spec.name(),
        phase,
        message,
        current == null ? null : current.name(),
        versions,
        stageStatuses(),
        grids.values().stream().map(FleetGrid::toStatus).toList(),
        List.copyOf(agents.values()),
        budget,
        gates.openGate(),
        gates.paused(),
        nextWindow,
        gates.audit());
  }
}
