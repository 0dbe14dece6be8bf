package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.WorkflowClock;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.gridshift.workflows.fleet.plan.MaintenanceWindows;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Runs one stage:
 *
 * <ol>
 *   <li>its approval gate, if it has one (the approver becomes the children's AUTO approver;
 *       without a gate, the fleet's requester is);
 *   <li>a sliding window over its grids, in plan order: a grid starts when the run is not paused,
 *       fewer than {@code maxParallel} children run (at most {@link FleetRun#MAX_PENDING}), fewer
 *       than {@code maxParallelPerCluster} in its cluster, and its cluster's window is open;
 *       otherwise it waits (WAITING_WINDOW), and one timer wakes the run when the earliest closed
 *       window opens. The run wakes on every child's end and every control, never polls;
 *   <li>failures over the stage's budget: nothing new starts, running children finish, gate {@code
 *       fleet-halted} asks a person: approve skips the failed grids and goes on, reject (or expiry)
 *       aborts;
 *   <li>after its last grid, the bake ({@link Bake}), which can fail grids (then step 3 again);
 *   <li>when the run should continue as new, it stops starting children and returns once none runs;
 *       each grid's {@code eligibleAt} says when the rules above let it go ({@link Eligibility}).
 * </ol>
 */
final class StageRunner {
  enum Outcome {
    DONE,
    ABORTED,
    CONTINUE_AS_NEW
  }

  private final FleetState state;
  private final FleetChildren children;
  private final FleetVisibility visibility;
  private final Windows windows;
  private final Bake bake;
  private final Eligibility eligibility;
  private final IntPredicate continueAsNew;
  private Promise<Void> timer;
  private long wakeAt;

  StageRunner(
      FleetState state,
      FleetChildren children,
      FleetVisibility visibility,
      Bake bake,
      Eligibility eligibility,
      IntPredicate continueAsNew) {
    this.state = state;
    this.children = children;
    this.visibility = visibility;
    this.windows = new Windows(state.spec);
    this.bake = bake;
    this.eligibility = eligibility;
    this.continueAsNew = continueAsNew;
  }

  Outcome run(FleetStage stage) {
    if (state.stageApprover == null && !approved(stage)) {
      return Outcome.ABORTED;
    }
    for (FleetGrid g : state.gridsOf(stage.name())) {
      if (g.waiting()) {
        state.queued.putIfAbsent(g.path(), g);
      }
    }
    eligibility.begin(limit(stage) - children.running());
    while (true) {
      Outcome outcome = runGrids(stage);
      if (outcome != Outcome.DONE) {
        return outcome;
      }
      if (!bake.bake(stage, () -> overBudget(stage))) {
        continue; // aborted during the bake: runGrids ends it
      }
      if (overBudget(stage)) {
        continue; // the bake failed grids: runGrids halts
      }
      if (state.queued.isEmpty()) {
        break; // nothing was retried during the bake
      }
    }
    stage.state = FleetStage.DONE;
    stage.endedAt = WorkflowClock.now();
    FleetMetrics.stageCompleted(state.spec.name());
    visibility.stageEnded(stage, summary(stage));
    return Outcome.DONE;
  }

  /** The stage's gate; false when it was rejected, expired or the fleet aborted. */
  private boolean approved(FleetStage stage) {
    GatePolicy policy = stage.spec.approval();
    if (policy == null) {
      state.stageApprover = state.spec.requestedBy();
    } else {
      stage.state = FleetStage.WAITING_APPROVAL;
      state.phase = FleetPhase.WAITING_APPROVAL;
      state.message = "stage " + stage.name() + " waits for approval (gate '" + stage.name() + "')";
      Gatekeeper.Result r = state.gates.pass(stage.name(), policy, Phase.WAITING_APPROVAL);
      stage.approvals.add(r.entry());
      if (r.outcome() != Gatekeeper.Outcome.APPROVED) {
        stage.state = FleetStage.SKIPPED;
        state.message =
            "gate '"
                + stage.name()
                + "' "
                + r.outcome().name().toLowerCase()
                + " by "
                + r.entry().by();
        return false;
      }
      state.stageApprover = r.entry().by();
    }
    stage.state = FleetStage.RUNNING;
    stage.startedAt = WorkflowClock.now();
    state.phase = FleetPhase.RUNNING;
    state.message = "stage " + stage.name() + " running";
    visibility.stageStarted(stage);
    return true;
  }

  /**
   * The window over the stage's grids until none is queued or running. "Done" is checked before
   * "continue as new", so the run that ends the stage never continues only to find nothing to do.
   * While it drains for continue-as-new, the grids that would take the freed slots are marked
   * eligible (not started): the next run starts them, and their wait shows the drain.
   */
  private Outcome runGrids(FleetStage stage) {
    boolean held = state.gates.paused();
    while (true) {
      int seen = state.changes;
      if (state.gates.abortRequest() != null) {
        return abort();
      }
      if (overBudget(stage)) {
        if (!resumedAfterHalt(stage)) {
          return state.gates.abortRequest() != null ? abort() : Outcome.ABORTED;
        }
        eligibility.resumed();
        continue;
      }
      state.queued.values().removeIf(g -> !g.waiting()); // skipped meanwhile
      if (state.queued.isEmpty() && children.running() == 0) {
        state.nextWindow = null;
        return Outcome.DONE;
      }
      boolean draining = continueAsNew.test(limit(stage));
      if (state.gates.paused()) {
        held = true;
      } else {
        if (held) {
          eligibility.resumed();
          held = false;
        }
        startEligible(stage, !draining);
      }
      if (draining && children.running() == 0) {
        return Outcome.CONTINUE_AS_NEW;
      }
      armWindowTimer();
      Workflow.await(() -> state.changes != seen);
    }
  }

  private Outcome abort() {
    children.abortAll(state.abortAction());
    state.queued.clear();
    Workflow.await(() -> children.running() == 0);
    return Outcome.ABORTED;
  }

  boolean overBudget(FleetStage stage) {
    int failed = state.failedIn(stage.name());
    int budget = maxFailures(stage);
    // Every check of the budget reports it: failures change just before a check.
    FleetMetrics.budget(state.spec.name(), budget, failed);
    return failed > budget;
  }

  int maxFailures(FleetStage stage) {
    return PlanRules.maxFailures(stage.spec.maxFailures(), state.gridsOf(stage.name()).size());
  }

  /** Halts: once no child runs, gate fleet-halted; true when a person resumed. */
  private boolean resumedAfterHalt(FleetStage stage) {
    String before = stage.state;
    stage.state = FleetStage.HALTED;
    state.phase = FleetPhase.HALTED;
    state.message =
        "stage "
            + stage.name()
            + " is over its failure budget ("
            + state.failedIn(stage.name())
            + " failed, "
            + maxFailures(stage)
            + " tolerated): nothing new starts; running upgrades finish";
    visibility.halted(stage, state.message);
    Workflow.await(() -> children.running() == 0 || state.gates.abortRequest() != null);
    if (state.gates.abortRequest() != null) {
      return false;
    }
    Gatekeeper.Result r =
        state.gates.pass(
            FleetUpgradeWorkflow.HALTED_GATE, GatePolicy.required(), Phase.WAITING_APPROVAL);
    stage.approvals.add(r.entry());
    if (r.outcome() != Gatekeeper.Outcome.APPROVED) {
      state.message =
          "gate '"
              + FleetUpgradeWorkflow.HALTED_GATE
              + "' "
              + r.outcome().name().toLowerCase()
              + " by "
              + r.entry().by();
      return false;
    }
    for (FleetGrid g : state.gridsOf(stage.name())) {
      if (FleetGrid.FAILED.equals(g.state) || FleetGrid.REFUSED.equals(g.state)) {
        g.state = FleetGrid.SKIPPED;
        g.message =
            g.message + "; skipped: " + r.entry().by() + " resumed the fleet at gate fleet-halted";
      }
    }
    stage.state = before;
    state.phase = FleetStage.BAKING.equals(before) ? FleetPhase.BAKING : FleetPhase.RUNNING;
    state.message = r.entry().by() + " resumed stage " + stage.name() + ", failed grids skipped";
    return true;
  }

  /**
   * Grids in plan order take the free slots: started, or when {@code start} is false (draining for
   * continue-as-new) only marked eligible, each holding its slot until the next run starts it.
   */
  private void startEligible(FleetStage stage, boolean start) {
    int limit = limit(stage);
    int perCluster = value(stage.spec.maxParallelPerCluster(), Integer.MAX_VALUE);
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Map<String, Boolean> open = new HashMap<>();
    Map<String, Integer> marked = new HashMap<>();
    Iterator<FleetGrid> it = state.queued.values().iterator();
    while (it.hasNext() && children.running() < limit && (start || eligibility.free() > 0)) {
      FleetGrid g = it.next();
      String cluster = g.id.cluster();
      if (!start && g.eligibleAt != null) {
        marked.merge(cluster, 1, Integer::sum); // marked earlier in this drain: holds its slot
      } else if (children.runningIn(cluster) + marked.getOrDefault(cluster, 0) >= perCluster) {
        eligibility.heldByCluster(g);
      } else if (open.computeIfAbsent(cluster, c -> windows.isOpen(c, now))) {
        eligibility.take(g, FleetGrid.WAITING_WINDOW.equals(g.state));
        g.state = FleetGrid.PENDING;
        if (start) {
          it.remove();
          children.start(g, stage.name(), state.stageApprover);
        } else {
          marked.merge(cluster, 1, Integer::sum);
        }
      } else {
        g.state = FleetGrid.WAITING_WINDOW;
      }
    }
  }

  private static int limit(FleetStage stage) {
    return Math.min(value(stage.spec.maxParallel(), 1), FleetRun.MAX_PENDING);
  }

  /**
   * One timer for the earliest window that opens for a waiting grid. A grid whose cluster's window
   * does not open again within {@value MaintenanceWindows#HORIZON_DAYS} days (its blackouts cover
   * every slot) is SKIPPED, not counted as a failure, with the reason and what to do: waiting a
   * year would hold the whole fleet (its later stages, its budget, its history) for grids nobody
   * may touch, and an operator reads a skipped grid in the status and retries it once the window is
   * fixed.
   */
  private void armWindowTimer() {
    long now = Workflow.currentTimeMillis();
    Instant from = Instant.ofEpochMilli(now);
    Map<String, Instant> next = new HashMap<>();
    Instant earliest = null;
    Iterator<FleetGrid> it = state.queued.values().iterator();
    while (it.hasNext()) {
      FleetGrid g = it.next();
      if (!FleetGrid.WAITING_WINDOW.equals(g.state)) {
        continue;
      }
      Instant opens = next.computeIfAbsent(g.id.cluster(), c -> windows.nextOpen(c, from));
      if (opens == null) {
        g.state = FleetGrid.SKIPPED;
        g.message =
            "not started: cluster "
                + g.id.cluster()
                + "'s maintenance window does not open within "
                + MaintenanceWindows.HORIZON_DAYS
                + " days (its blackouts cover every slot); fix the window in the spec and upgrade"
                + " it in a later run";
        it.remove();
      } else {
        eligibility.windowOpens(g.id.cluster(), opens);
        if (earliest == null || opens.isBefore(earliest)) {
          earliest = opens;
        }
      }
    }
    state.nextWindow = earliest == null ? null : earliest.toString();
    if (earliest == null) {
      return;
    }
    long at = Math.max(earliest.toEpochMilli(), now + 1000);
    if (timer == null || timer.isCompleted() || at < wakeAt) {
      wakeAt = at;
      timer = Workflow.newTimer(Duration.ofMillis(at - now));
      timer.thenApply(
          v -> {
            state.changed();
            return null;
          });
    }
  }

  private String summary(FleetStage stage) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    state.gridsOf(stage.name()).forEach(g -> counts.merge(g.state, 1, Integer::sum));
    return "stage " + stage.name() + " ended: " + counts;
  }

  private static int value(Integer v, int otherwise) {
    return v == null || v < 1 ? otherwise : v;
  }
}
