package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.fleet.GridAction;
import java.util.Set;

/**
 * Skip and retry of one grid: one refusal rule for the update validators, the updates and the
 * signals (which audit a refusal instead of answering it), as the {@link Gatekeeper} does for
 * gates.
 *
 * <ul>
 *   <li>skip: a grid that has not started (or failed, or is unreachable or refused) is not
 *       upgraded; a running one is refused (abort its upgrade instead);
 *   <li>retry: a failed, skipped, unreachable or refused grid is queued again: in its own stage
 *       when that stage has not ended, else in the current one.
 * </ul>
 */
public final class FleetControls {
  private static final Set<String> SKIPPABLE =
      Set.of(
          FleetGrid.PENDING,
          FleetGrid.WAITING_WINDOW,
          FleetGrid.FAILED,
          FleetGrid.UNREACHABLE,
          FleetGrid.REFUSED);
  private static final Set<String> RETRYABLE =
      Set.of(FleetGrid.FAILED, FleetGrid.SKIPPED, FleetGrid.UNREACHABLE, FleetGrid.REFUSED);

  private final FleetState state;

  public FleetControls(FleetState state) {
    this.state = state;
  }

  /** Why {@code a} cannot be accepted now, or null. Read-only. */
  public String refusal(GridAction a, boolean skip) {
    if (a == null) {
      return "a grid action needs a body: {grid, by, comment}";
    }
    if (a.by() == null || a.by().isBlank()) {
      return "'by' is required: say who asks (it goes into the audit log)";
    }
    String actor = Gatekeeper.actorRefusal(a.by(), a.comment());
    if (actor != null) {
      return actor;
    }
    FleetGrid grid = a.grid() == null ? null : state.grids.get(a.grid());
    if (grid == null) {
      return "grid '"
          + Limits.abbreviate(a.grid())
          + "' is not in this fleet; name it as cluster/namespace/name, as `fleet status` lists it";
    }
    if (state.gates.abortRequest() != null) {
      return "the fleet is aborting";
    }
    if (!skip && (state.phase == FleetPhase.PLANNING || state.phase == FleetPhase.PLANNED)) {
      return "the fleet's plan is not finished; retry " + grid.path() + " once its stages run";
    }
    String verb = skip ? "skipped" : "retried";
    if (!(skip ? SKIPPABLE : RETRYABLE).contains(grid.state)) {
      return grid.path()
          + " is "
          + grid.state
          + " and cannot be "
          + verb
          + (FleetGrid.RUNNING.equals(grid.state)
              ? "; abort its upgrade instead: gridshift abort " + grid.workflowId
              : skip
                  ? "; only a grid that has not started, failed, or is unreachable or refused can"
                      + " be skipped"
                  : "; only a failed, skipped, unreachable or refused grid can be retried");
    }
    return null;
  }

  /** Applies an accepted skip; returns its audit entry. */
  public AuditEntry skip(GridAction a) {
    FleetGrid grid = state.grids.get(a.grid());
    grid.state = FleetGrid.SKIPPED;
    grid.message = "skipped by " + a.by().trim() + (a.comment() == null ? "" : ": " + a.comment());
    state.queued.remove(grid.path());
    state.toPlan.remove(grid.path());
    state.changed();
    return state.gates.audited(grid.path(), AuditEntry.Action.SKIPPED, a.by(), a.comment());
  }

  /** Applies an accepted retry; returns its audit entry. */
  public AuditEntry retry(GridAction a) {
    FleetGrid grid = state.grids.get(a.grid());
    grid.requeue();
    FleetStage current = state.current();
    if (grid.stage == null || stageIndex(grid.stage) < state.stage) {
      grid.stage = current == null ? null : current.name();
    }
    if (current != null
        && current.name().equals(grid.stage)
        && !FleetStage.PENDING.equals(current.state)) {
      state.queued.put(grid.path(), grid);
    }
    state.changed();
    return state.gates.audited(grid.path(), AuditEntry.Action.RETRIED, a.by(), a.comment());
  }

  /** Signal: applies {@code a} or audits it as refused. */
  public void bySignal(GridAction a, boolean skip) {
    String refusal = refusal(a, skip);
    if (refusal != null) {
      state.gates.refusedSignal(
          a == null ? null : a.grid(),
          a == null ? null : a.by(),
          a == null ? null : a.comment(),
          refusal);
      return;
    }
    if (skip) {
      skip(a);
    } else {
      retry(a);
    }
  }

  private int stageIndex(String name) {
    for (int i = 0; i < state.stages.size(); i++) {
      if (state.stages.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
