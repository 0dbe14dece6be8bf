package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.common.WorkflowChanges;
import io.gridshift.workflows.fleet.FleetCheckpoint;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * One run of a fleet, from a spec or from what the previous run carried:
 *
 * <ol>
 *   <li>validate the spec (nothing is discovered or changed when it is invalid);
 *   <li>plan ({@link FleetPlanner}): discovery, every child's dry run, stages; a dry-run fleet
 *       stops here, PLANNED;
 *   <li>run the stages in order ({@link StageRunner});
 *   <li>continue as new at every stage boundary, and mid-plan or mid-stage when the server suggests
 *       it or the history nears {@link #HISTORY_BUDGET} ({@link #continueAt}): the run then stops
 *       starting children and continues once none is running, so no child outlives the run that
 *       started it and the checkpoint holds everything ({@link FleetCheckpoint}).
 * </ol>
 */
public final class FleetRun {
  /** Upgrades running at once, at most, whatever a stage asks. */
  public static final int MAX_PENDING = 200;

  /**
   * Dry runs running at once, at most: a dry run is two or three short activities, so the plan runs
   * them wider than upgrades, up to the 500 children a fleet may have pending.
   */
  public static final int MAX_PENDING_PLANS = 500;

  /**
   * The history events a run should stay under, its drain included (Temporal's own bound is 5,000;
   * the rest is room for controls). See {@link #continueAt}.
   */
  public static final int HISTORY_BUDGET = 4_500;

  /**
   * The most events one running child adds to the parent's history while the run drains: started
   * (when not yet), ended, and the workflow task it wakes (scheduled, started, completed).
   */
  static final int DRAIN_EVENTS_PER_CHILD = 5;

  /**
   * A run continues as new mid-plan or mid-stage only after it has started this many children
   * itself: a run always makes progress, even when its first events already pass the threshold.
   */
  static final int MIN_CHILDREN_PER_RUN = 1;

  private static final Logger log = Workflow.getLogger(FleetRun.class);

  private final FleetState state;
  private final FleetVisibility visibility;
  private final FleetChildren children;
  private final FleetPlanner planner;
  private final StageRunner stages;
  private final int historyBudget;

  /**
   * @param historyBudget the history length a run should stay under, drain included ({@link
   *     #HISTORY_BUDGET} in production; tests pass less to see it happen)
   */
  public FleetRun(FleetState state, VisibilityOptions offered, int historyBudget) {
    this.state = state;
    this.historyBudget = historyBudget;
    this.visibility = new FleetVisibility(state, offered);
    Eligibility eligibility = new Eligibility();
    this.children = new FleetChildren(state, visibility.registered(), eligibility);
    this.planner = new FleetPlanner(state, children);
    this.stages =
        new StageRunner(
            state, children, visibility, new Bake(state), eligibility, this::shouldContinue);
  }

  public FleetStatus run(FleetCheckpoint carried) {
    FleetSpec spec = state.spec;
    if (carried == null) {
      validate(spec);
      state.gates.configure(spec.requestedBy(), Boolean.TRUE.equals(spec.fourEyes()));
      visibility.begin();
      planner.discover();
      if (Workflow.getVersion(
                  WorkflowChanges.FLEET_NO_CLUSTER_ANSWERED, Workflow.DEFAULT_VERSION, 1)
              >= 1
          && state.noClusterAnswered()) {
        return end(FleetPhase.FAILED, state.noAgentsMessage());
      }
    } else {
      state.gates.configure(spec.requestedBy(), Boolean.TRUE.equals(spec.fourEyes()));
      state.restore(carried);
      visibility.begin();
    }
    if (state.phase == FleetPhase.PLANNING) {
      state.message = "planning: " + state.toPlan.size() + " dry runs to go";
      if (!planner.dryRuns(MAX_PENDING_PLANS, this::shouldContinue)) {
        return continueAsNew();
      }
      if (state.gates.abortRequest() != null) {
        return end(
            FleetPhase.ABORTED,
            "aborted by " + state.gates.abortRequest().by() + " during the plan");
      }
      if (Boolean.TRUE.equals(spec.dryRun())) {
        return end(FleetPhase.PLANNED, "dry run: " + counts() + "; nothing was changed");
      }
      state.phase = FleetPhase.RUNNING;
      if (Workflow.getInfo().getHistoryLength() > historyBudget / 2) {
        return continueAsNew();
      }
    }
    while (state.stage < state.stages.size()) {
      switch (stages.run(state.current())) {
        case ABORTED -> {
          return end(FleetPhase.ABORTED, aborted());
        }
        case CONTINUE_AS_NEW -> {
          return continueAsNew();
        }
        case DONE -> {
          state.stage++;
          state.stageApprover = null;
          if (state.stage < state.stages.size()) {
            return continueAsNew();
          }
        }
      }
    }
    return end(FleetPhase.COMPLETED, "completed: " + counts());
  }

  private void validate(FleetSpec spec) {
    List<String> problems = PlanRules.problems(spec, GridKinds.names());
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the fleet spec has "
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + "; nothing was discovered or changed. Fix each and start again: "
              + String.join("; ", problems),
          FailureTypes.INVALID_REQUEST);
    }
  }

  /**
   * Whether the run should continue as new now, with up to {@code window} children running: the
   * server suggests it or the history is past {@link #continueAt}, and this run has started at
   * least {@link #MIN_CHILDREN_PER_RUN} children (else a threshold below a run's first events would
   * continue as new forever, doing nothing).
   */
  private boolean shouldContinue(int window) {
    return children.startedInThisRun() >= MIN_CHILDREN_PER_RUN
        && (Workflow.getInfo().isContinueAsNewSuggested()
            || Workflow.getInfo().getHistoryLength() > continueAt(historyBudget, window));
  }

  /**
   * The history length past which a run with up to {@code window} children running stops starting
   * children and drains, so that it ends within {@code budget}: a drain adds at most {@link
   * #DRAIN_EVENTS_PER_CHILD} events per running child. Each drain costs its slowest child's time
   * with the window emptying, so the threshold is as late as the budget allows: with {@link
   * #HISTORY_BUDGET}, 100 upgrades at once drain past 4,000 events, 500 dry runs past 2,000. It is
   * never earlier than a quarter of the budget, so a run does a useful share of the work whatever
   * the window (with {@link #HISTORY_BUDGET} that floor is never reached: 4,500 - 5 x 500 = 2,000).
   */
  static int continueAt(int budget, int window) {
    return Math.max(budget - DRAIN_EVENTS_PER_CHILD * window, budget / 4);
  }

  private FleetStatus continueAsNew() {
    log.info(
        "continuing as new at stage {} ({} events)",
        state.stage,
        Workflow.getInfo().getHistoryLength());
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(state.spec, state.checkpoint());
    throw new IllegalStateException("unreachable: continue-as-new returned");
  }

  private String aborted() {
    return state.gates.abortRequest() != null
        ? "aborted by "
            + state.gates.abortRequest().by()
            + "; running upgrades were asked to abort: "
            + counts()
        : state.message + "; the fleet stopped: " + counts();
  }

  private FleetStatus end(FleetPhase phase, String message) {
    state.phase = phase;
    state.message = message;
    state.nextWindow = null;
    for (FleetGrid g : state.grids.values()) {
      if (g.waiting() && phase != FleetPhase.PLANNED) {
        g.state = FleetGrid.SKIPPED;
        g.message = "not started: the fleet ended " + phase;
      }
    }
    log.info("fleet ended {}: {}", phase, message);
    if (phase != FleetPhase.PLANNED) {
      visibility.ended(Phase.valueOf(phase.name()));
    }
    return state.status(null);
  }

  private String counts() {
    Map<String, Integer> counts = new TreeMap<>();
    state.grids.values().forEach(g -> counts.merge(g.state, 1, Integer::sum));
    return state.grids.size() + " grids " + counts;
  }

  /** The current stage's failure budget, or null outside a stage. */
  public FleetStatus.Budget budget() {
    FleetStage stage = state.current();
    if (stage == null || state.phase == FleetPhase.PLANNING || state.phase == FleetPhase.PLANNED) {
      return null;
    }
    return new FleetStatus.Budget(
        stage.name(), stages.maxFailures(stage), state.failedIn(stage.name()));
  }
}
