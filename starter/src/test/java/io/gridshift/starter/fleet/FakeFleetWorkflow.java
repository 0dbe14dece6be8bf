package io.gridshift.starter.fleet;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.fleet.FleetCheckpoint;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.AgentStatus;
import io.gridshift.workflows.fleet.FleetStatus.Budget;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.fleet.FleetStatus.StageStatus;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.gridshift.workflows.fleet.GridAction;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for the fleet workflow, to test the front door (CLI, REST, ops page) on its contract
 * while the real implementation is written. It plans the spec's explicit grids into its stages (a
 * grid whose name starts {@value #REFUSED} is refused at plan; a spec with no grids fails to plan),
 * stops there for a dry run, else waits at the gate named as the stage before a stage with an
 * approval and then runs the first stage's grids until aborted. Its updates refuse as the contract
 * says (gate not open, four-eyes, not paused, unknown grid...), with who and why in the audit.
 */
public class FakeFleetWorkflow implements FleetUpgradeWorkflow {
  public static final String REFUSED = "refused";

  private String id;
  private FleetSpec spec;
  private FleetPhase phase = FleetPhase.PLANNING;
  private String message;
  private String currentStage;
  private final Map<String, String> versions = new LinkedHashMap<>();
  private final List<StageStatus> stages = new ArrayList<>();
  private final List<GridStatus> grids = new ArrayList<>();
  private final List<AgentStatus> agents = new ArrayList<>();
  private final List<AuditEntry> audit = new ArrayList<>();
  private OpenGate gate;
  private Boolean approved;
  private boolean paused;
  private boolean aborted;

  @Override
  public FleetStatus run(FleetSpec spec, FleetCheckpoint carried) {
    this.id = Workflow.getInfo().getWorkflowId();
    this.spec = spec;
    plan();
    if (phase == FleetPhase.FAILED || Boolean.TRUE.equals(spec.dryRun())) {
      return status();
    }
    StageSpec first = spec.stages().get(0);
    currentStage = first.name();
    if (first.approval() != null) {
      openGate(first.name(), first.approval());
      setStage(first.name(), "WAITING_APPROVAL");
      Workflow.await(() -> approved != null || aborted);
      gate = null;
      if (!Boolean.TRUE.equals(approved)) {
        return end(FleetPhase.ABORTED, "stopped before stage " + first.name());
      }
    }
    phase = FleetPhase.RUNNING;
    setStage(first.name(), "RUNNING");
    grids.replaceAll(g -> first.name().equals(g.stage()) ? withState(g, "RUNNING", now()) : g);
    Workflow.await(() -> aborted);
    return end(FleetPhase.ABORTED, "aborted");
  }

  private void plan() {
    List<GridId> explicit = spec.grids() == null ? null : spec.grids().explicit();
    if (explicit == null || explicit.isEmpty()) {
      phase = FleetPhase.FAILED;
      message = "no grid matches the spec's selector; list grids under grids.explicit";
      return;
    }
    spec.targets().forEach((kind, target) -> versions.put(kind, target.version()));
    spec.clusters()
        .forEach(
            c ->
                agents.add(
                    new AgentStatus(
                        c.name(),
                        TaskQueues.cluster(c.name()),
                        "SEEN",
                        "42@" + c.name(),
                        now(),
                        null)));
    List<GridId> left = new ArrayList<>();
    for (GridId g : explicit) {
      if (g.name().startsWith(REFUSED)) {
        grids.add(grid(g, null, "REFUSED", "preflight: the shutdown hook is not GRACEFUL"));
      } else {
        left.add(g);
      }
    }
    if (left.isEmpty()) {
      phase = FleetPhase.FAILED;
      message = "every grid was refused at plan; nothing to upgrade";
      return;
    }
    for (StageSpec stage : spec.stages()) {
      int take = stage.count() == null ? left.size() : Math.min(stage.count(), left.size());
      List<String> paths = new ArrayList<>();
      for (GridId g : left.subList(0, take)) {
        grids.add(grid(g, stage.name(), "PENDING", null));
        paths.add(g.path());
      }
      left = new ArrayList<>(left.subList(take, left.size()));
      stages.add(new StageStatus(stage.name(), "PENDING", paths, null, null, new ArrayList<>()));
    }
    phase = FleetPhase.PLANNED;
    message = "planned " + grids.size() + " grids in " + stages.size() + " stages";
  }

  private GridStatus grid(GridId g, String stage, String state, String why) {
    return new GridStatus(
        g.cluster(),
        g.namespace(),
        g.name(),
        g.kind(),
        stage,
        "1.0",
        versions.get(g.kind()),
        state,
        g.kind() + "-upgrade-" + g.cluster() + "-" + g.namespace() + "-" + g.name(),
        null,
        null,
        null,
        null,
        why,
        "42@" + g.cluster());
  }

  private static GridStatus withState(GridStatus g, String state, String startedAt) {
    return new GridStatus(
        g.cluster(),
        g.namespace(),
        g.name(),
        g.kind(),
        g.stage(),
        g.from(),
        g.to(),
        state,
        g.workflowId(),
        g.eligibleAt(),
        startedAt,
        null,
        null,
        g.message(),
        g.agent());
  }

  private void openGate(String name, GatePolicy policy) {
    phase = FleetPhase.WAITING_APPROVAL;
    gate =
        new OpenGate(
            name,
            now(),
            Instant.parse(now()).plus(Duration.ofHours(24)).toString(),
            policy.onTimeout(),
            spec.requestedBy(),
            Boolean.TRUE.equals(spec.fourEyes()));
    audit.add(new AuditEntry(now(), name, AuditEntry.Action.GATE_OPENED, "gridshift", null, null));
  }

  private void setStage(String name, String state) {
    stages.replaceAll(
        s ->
            s.name().equals(name)
                ? new StageStatus(name, state, s.grids(), now(), null, s.approvals())
                : s);
  }

  private FleetStatus end(FleetPhase end, String why) {
    phase = end;
    message = why;
    return status();
  }

  @Override
  public AuditEntry approve(GateDecision decision) {
    return decide(decision, true);
  }

  @Override
  public void validateApprove(GateDecision decision) {
    validateDecision(decision);
    if (gate.fourEyes() && decision.by().equals(gate.requestedBy())) {
      throw new IllegalStateException(
          "four-eyes is on: " + decision.by() + " requested this fleet and may not approve it");
    }
  }

  @Override
  public AuditEntry reject(GateDecision decision) {
    return decide(decision, false);
  }

  @Override
  public void validateReject(GateDecision decision) {
    validateDecision(decision);
  }

  private void validateDecision(GateDecision decision) {
    if (gate == null || !gate.name().equals(decision.gate())) {
      throw new IllegalStateException(
          "gate '"
              + decision.gate()
              + "' is not open; "
              + (gate == null ? "no gate is open" : "the open gate is '" + gate.name() + "'"));
    }
  }

  private AuditEntry decide(GateDecision decision, boolean approve) {
    AuditEntry entry =
        record(
            decision.gate(),
            approve ? AuditEntry.Action.APPROVED : AuditEntry.Action.REJECTED,
            decision.by(),
            decision.comment());
    stages.replaceAll(
        s -> {
          if (s.name().equals(currentStage)) {
            s.approvals().add(entry);
          }
          return s;
        });
    approved = approve;
    return entry;
  }

  @Override
  public void approveSignal(GateDecision decision) {
    approve(decision);
  }

  @Override
  public void rejectSignal(GateDecision decision) {
    reject(decision);
  }

  @Override
  public AuditEntry pauseUpdate(OperatorAction action) {
    paused = true;
    return record(null, AuditEntry.Action.PAUSED, action.by(), action.comment());
  }

  @Override
  public void validatePause(OperatorAction action) {
    if (paused) {
      throw new IllegalStateException("the fleet is already paused; resume it first");
    }
  }

  @Override
  public AuditEntry resumeUpdate(OperatorAction action) {
    paused = false;
    return record(null, AuditEntry.Action.RESUMED, action.by(), action.comment());
  }

  @Override
  public void validateResume(OperatorAction action) {
    if (!paused) {
      throw new IllegalStateException("the fleet is not paused");
    }
  }

  @Override
  public AuditEntry abortUpdate(OperatorAction action) {
    aborted = true;
    return record(null, AuditEntry.Action.ABORT_REQUESTED, action.by(), action.comment());
  }

  @Override
  public void validateAbort(OperatorAction action) {
    if (aborted) {
      throw new IllegalStateException("an abort is already under way");
    }
  }

  @Override
  public void pause(OperatorAction action) {
    pauseUpdate(action);
  }

  @Override
  public void resume(OperatorAction action) {
    resumeUpdate(action);
  }

  @Override
  public void abort(OperatorAction action) {
    abortUpdate(action);
  }

  @Override
  public AuditEntry skip(GridAction action) {
    return gridAction(action, "SKIPPED");
  }

  @Override
  public void validateSkip(GridAction action) {
    requireState(action, Set.of("PENDING", "FAILED", "UNREACHABLE"), "skipped");
  }

  @Override
  public AuditEntry retry(GridAction action) {
    return gridAction(action, "PENDING");
  }

  @Override
  public void validateRetry(GridAction action) {
    requireState(action, Set.of("FAILED", "SKIPPED", "UNREACHABLE"), "retried");
  }

  @Override
  public void skipSignal(GridAction action) {
    skip(action);
  }

  @Override
  public void retrySignal(GridAction action) {
    retry(action);
  }

  private void requireState(GridAction action, Set<String> states, String verb) {
    GridStatus grid =
        grids.stream()
            .filter(g -> g.path().equals(action.grid()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no grid '"
                            + action.grid()
                            + "' in fleet "
                            + id
                            + "; its grids: "
                            + grids.stream().map(GridStatus::path).toList()));
    if (!states.contains(grid.state())) {
      throw new IllegalStateException(
          "grid " + action.grid() + " is " + grid.state() + "; only " + states + " can be " + verb);
    }
  }

  private AuditEntry gridAction(GridAction action, String state) {
    grids.replaceAll(g -> g.path().equals(action.grid()) ? withState(g, state, null) : g);
    AuditEntry entry =
        new AuditEntry(
            now(),
            action.grid(),
            state.equals("SKIPPED") ? AuditEntry.Action.SKIPPED : AuditEntry.Action.RETRIED,
            action.by(),
            action.comment(),
            null);
    audit.add(entry);
    return entry;
  }

  private AuditEntry record(String gate, AuditEntry.Action action, String by, String comment) {
    AuditEntry entry = new AuditEntry(now(), gate, action, by, comment, null);
    audit.add(entry);
    return entry;
  }

  @Override
  public FleetStatus status() {
    String stage = currentStage;
    Budget budget =
        stage == null
            ? null
            : new Budget(stage, Integer.parseInt(String.valueOf(maxFailures(stage))), 0);
    return new FleetStatus(
        id,
        spec.name(),
        phase,
        message,
        currentStage,
        Map.copyOf(versions),
        List.copyOf(stages),
        List.copyOf(grids),
        List.copyOf(agents),
        budget,
        gate,
        paused,
        null,
        List.copyOf(audit));
  }

  private String maxFailures(String stage) {
    return spec.stages().stream()
        .filter(s -> s.name().equals(stage) && s.maxFailures() != null)
        .map(StageSpec::maxFailures)
        .findFirst()
        .orElse("0");
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
