package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.Causes;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeSearchAttributes;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.WorkflowClock;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the fleet's children and records how each ended, without blocking the run: every child is
 * started asynchronously and its end lands in the grid's state through a promise callback.
 *
 * <ol>
 *   <li>A grid's child is a workflow of its kind, started by type name with the id of a single
 *       upgrade of that grid ({@link UpgradeRequest#workflowId()}): one upgrade per grid, fleet or
 *       not. Its dry run uses that id plus {@value #PLAN_SUFFIX}, so it never collides with one.
 *   <li>Parent close policy ABANDON: terminating a fleet never kills an upgrade mid-roll (it would
 *       skip its compensation); a fleet's abort asks each running child to abort instead.
 *   <li>A child whose id is already running is REFUSED, named, and not counted as a failure; a
 *       child whose cluster has no agent ({@link FailureTypes#NO_AGENT}) is UNREACHABLE, not
 *       counted either; any other failure is FAILED and counts against the stage's budget.
 *   <li>A grid whose dry run finds it managed by another tool ({@link
 *       FailureTypes#OWNED_BY_ANOTHER_TOOL}: an operator, Helm, Argo CD, Flux) is SKIPPED with the
 *       reason, not counted: it is not the fleet's to upgrade unless the spec's {@code
 *       childDefaults} say {@code "ownership": "TAKE_OVER"} for its kind.
 * </ol>
 */
final class FleetChildren {
  static final String PLAN_SUFFIX = "-plan";

  private final FleetState state;
  private final Set<String> searchAttributes;
  private final Eligibility eligibility;
  private final Map<String, FleetGrid> running = new LinkedHashMap<>();
  private final Map<String, Integer> perCluster = new HashMap<>();
  private int started;

  FleetChildren(FleetState state, Set<String> searchAttributes, Eligibility eligibility) {
    this.state = state;
    this.searchAttributes = searchAttributes;
    this.eligibility = eligibility;
  }

  int running() {
    return running.size();
  }

  /** Children (upgrades and dry runs) this run started. */
  int startedInThisRun() {
    return started;
  }

  int runningIn(String cluster) {
    return perCluster.getOrDefault(cluster, 0);
  }

  /**
   * Starts {@code grid}'s upgrade as {@code stage}'s; its end updates the grid and frees its slot
   * ({@link Eligibility}). The caller set when the grid became eligible; now if it did not.
   */
  void start(FleetGrid grid, String stage, String approver) {
    UpgradeRequest request = request(grid, false, approver);
    grid.state = FleetGrid.RUNNING;
    if (grid.eligibleAt == null) {
      grid.eligibleAt = WorkflowClock.now();
    }
    grid.workflowId = request.workflowId();
    ChildWorkflowStub child = stub(request.kind(), request.workflowId(), stage, grid);
    started++;
    track(grid);
    child
        .getExecution()
        .thenApply(
            started -> {
              grid.startedAt = WorkflowClock.now();
              return started;
            });
    child
        .executeAsync(UpgradeStatus.class, request)
        .handle(
            (status, failure) -> {
              untrack(grid);
              eligibility.slotFreed(grid.id.cluster(), endedAt(status));
              ended(grid, status, failure);
              state.changed();
              return null;
            });
  }

  /** Starts {@code grid}'s dry run; returns a promise of its verdict (null: may start). */
  Promise<Void> plan(FleetGrid grid) {
    UpgradeRequest request = request(grid, true, state.spec.requestedBy());
    grid.workflowId = request.workflowId();
    ChildWorkflowStub child = stub(request.kind(), request.workflowId() + PLAN_SUFFIX, null, grid);
    started++;
    return child
        .executeAsync(UpgradeStatus.class, request)
        .handle(
            (status, failure) -> {
              planned(grid, status, failure);
              state.changed();
              return null;
            });
  }

  /** Asks every running child to abort, with who and why. */
  void abortAll(OperatorAction action) {
    OperatorAction forChild =
        new OperatorAction(
            action.by(),
            "fleet "
                + Workflow.getInfo().getWorkflowId()
                + " aborted"
                + (action.comment() == null ? "" : ": " + action.comment()));
    for (FleetGrid grid : List.copyOf(running.values())) {
      Async.procedure(
          () -> {
            try {
              Workflow.newUntypedExternalWorkflowStub(grid.workflowId).signal("abort", forChild);
            } catch (RuntimeException ended) {
              // The child ended meanwhile: nothing to abort.
            }
          });
    }
  }

  private UpgradeRequest request(FleetGrid grid, boolean dryRun, String approver) {
    return ChildRequests.of(
        grid.id,
        state.spec.childDefaults() == null ? null : state.spec.childDefaults().get(grid.id.kind()),
        grid.to,
        state.spec.requestedBy(),
        dryRun,
        approver == null ? state.spec.requestedBy() : approver);
  }

  private ChildWorkflowStub stub(String kind, String workflowId, String stage, FleetGrid grid) {
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.WORKFLOWS)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setStaticSummary(
                (stage == null ? "plan " : "stage " + stage + ": ")
                    + grid.path()
                    + " to "
                    + grid.to);
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
    if (searchAttributes.contains(UpgradeSearchAttributes.FLEET.getName())) {
      attributes.set(UpgradeSearchAttributes.FLEET, Workflow.getInfo().getWorkflowId());
    }
    if (stage != null && searchAttributes.contains(UpgradeSearchAttributes.STAGE.getName())) {
      attributes.set(UpgradeSearchAttributes.STAGE, stage);
    }
    options.setTypedSearchAttributes(attributes.build());
    return Workflow.newUntypedChildWorkflowStub(
        GridKinds.named(kind).workflowType(), options.build());
  }

  private void track(FleetGrid grid) {
    running.put(grid.path(), grid);
    perCluster.merge(grid.id.cluster(), 1, Integer::sum);
  }

  private void untrack(FleetGrid grid) {
    running.remove(grid.path());
    perCluster.merge(grid.id.cluster(), -1, Integer::sum);
  }

  /**
   * When the child ended, as near as the parent can tell: the end of its last step as the child
   * recorded it (its final status), else (no status, a failure) now, when the parent learns it.
   */
  private static long endedAt(UpgradeStatus status) {
    long now = Workflow.currentTimeMillis();
    long last = Long.MIN_VALUE;
    if (status != null && status.steps() != null) {
      for (StepStatus step : status.steps()) {
        if (step.endedAt() != null) {
          last = Math.max(last, Instant.parse(step.endedAt()).toEpochMilli());
        }
      }
    }
    return last == Long.MIN_VALUE ? now : Math.min(last, now);
  }

  private void ended(FleetGrid grid, UpgradeStatus status, Throwable failure) {
    long now = Workflow.currentTimeMillis();
    String at = WorkflowClock.now();
    if (failure == null && status != null && status.phase() == Phase.COMPLETED) {
      grid.end(FleetGrid.SUCCEEDED, status.message(), now, at);
    } else if (alreadyRunning(failure)) {
      grid.end(FleetGrid.REFUSED, alreadyRunningMessage(grid), now, at);
      grid.stage = null; // another upgrade's grid: not this fleet's failure
      grid.startedAt = null;
      grid.durationMs = null;
    } else if (noAgent(failure)) {
      grid.end(FleetGrid.UNREACHABLE, Causes.rootMessage(failure), now, at);
      state.agentMissing(grid.id.cluster(), Causes.rootMessage(failure));
    } else {
      String why =
          failure != null
              ? Causes.rootMessage(failure)
              : "ended " + (status == null ? "without a status" : status.phase());
      grid.end(FleetGrid.FAILED, why, now, at);
    }
  }

  private void planned(FleetGrid grid, UpgradeStatus status, Throwable failure) {
    if (failure == null) {
      List<String> refusals = status.details() == null ? List.of() : status.details().refusals();
      if (!refusals.isEmpty()) {
        refuse(grid, String.join("; ", refusals));
      } else if (status.phase() != Phase.PLANNED) {
        refuse(
            grid, status.message() == null ? "its plan ended " + status.phase() : status.message());
      }
      return;
    }
    if (noAgent(failure)) {
      grid.state = FleetGrid.UNREACHABLE;
      grid.message = Causes.rootMessage(failure);
      state.agentMissing(grid.id.cluster(), grid.message);
    } else if (alreadyRunning(failure)) {
      refuse(grid, "another plan of this grid is running (" + grid.workflowId + PLAN_SUFFIX + ")");
      grid.stage = null; // another plan's business, not this grid's failure
    } else if (hasType(failure, FailureTypes.OWNED_BY_ANOTHER_TOOL)) {
      // Another tool's grid is not the fleet's to upgrade: skipped, not a failure of the stage.
      grid.state = FleetGrid.SKIPPED;
      grid.message =
          Causes.rootMessage(failure)
              + "; to take it over in this fleet, set childDefaults."
              + grid.id.kind()
              + ".ownership: TAKE_OVER";
    } else {
      refuse(grid, "its dry run refused it: " + Causes.rootMessage(failure));
    }
  }

  /**
   * A grid its plan refused stays in its stage and counts against the stage's failure budget (a
   * grid that cannot be upgraded safely is a failure of the fleet's goal, and a person decides at
   * {@code fleet-halted} whether to go on without it when the budget does not cover it).
   */
  private static void refuse(FleetGrid grid, String why) {
    grid.state = FleetGrid.REFUSED;
    grid.message = why;
  }

  private static String alreadyRunningMessage(FleetGrid grid) {
    return "an upgrade of "
        + grid.path()
        + " is already running as workflow "
        + grid.workflowId
        + "; the fleet does not start a second one: let it end (or abort it), then retry the grid";
  }

  private static boolean alreadyRunning(Throwable failure) {
    return failure instanceof ChildWorkflowFailure
        && failure.getCause() instanceof WorkflowExecutionAlreadyStarted;
  }

  private static boolean noAgent(Throwable failure) {
    return hasType(failure, FailureTypes.NO_AGENT);
  }

  private static boolean hasType(Throwable failure, String type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure a && type.equals(a.getType())) {
        return true;
      }
    }
    return false;
  }
}
