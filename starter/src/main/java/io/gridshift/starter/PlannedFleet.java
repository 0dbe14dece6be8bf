package io.gridshift.starter;

import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import java.util.List;

/**
 * A finished fleet dry run.
 *
 * @param workflowId the dry run's own workflow id
 * @param status its final status: the plan (stages, grids, refused grids, versions, agents), or the
 *     failure and its message
 */
public record PlannedFleet(String workflowId, FleetStatus status) {

  /**
   * Whether the fleet would not start at all (the dry run did not end PLANNED: an invalid spec, no
   * grid found...). Refused grids do not refuse the fleet: it runs the others, and the plan lists
   * each refused grid with its reason.
   */
  public boolean refused() {
    return status.phase() != FleetPhase.PLANNED;
  }

  /** Why the fleet would not start, as one sentence saying what to do. */
  public String refusal() {
    return "the fleet dry run "
        + workflowId
        + " ended "
        + status.phase()
        + (status.message() == null ? "" : ": " + status.message())
        + "; nothing was changed: fix the spec and plan again";
  }

  /** The grids the plan refused, each with its reason. */
  public List<GridStatus> refusedGrids() {
    return status.grids() == null
        ? List.of()
        : status.grids().stream().filter(g -> "REFUSED".equals(g.state())).toList();
  }
}
