package io.gridshift.starter.server;

import io.gridshift.starter.PlannedFleet;
import io.gridshift.workflows.fleet.FleetStatus;
import java.util.List;

/**
 * The 422 answer to a fleet dry run that would not start the fleet: the error body's fields ({@link
 * ErrorBody}), plus the dry run's id and its final status, so a client can still show what the plan
 * found.
 *
 * @param code 422
 * @param message what happened and what to do
 * @param problems the fleet's own message, as one problem
 * @param workflowId the dry run's workflow id
 * @param dryRun always true
 * @param plan the dry run's final status
 */
public record RefusedFleetPlanBody(
    int code,
    String message,
    List<String> problems,
    String workflowId,
    boolean dryRun,
    FleetStatus plan) {

  static RefusedFleetPlanBody of(PlannedFleet planned) {
    String why = planned.status().message();
    return new RefusedFleetPlanBody(
        422,
        planned.refusal(),
        why == null ? List.of() : List.of(why),
        planned.workflowId(),
        true,
        planned.status());
  }
}
