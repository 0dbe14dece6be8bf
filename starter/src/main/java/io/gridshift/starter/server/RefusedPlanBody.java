package io.gridshift.starter.server;

import io.gridshift.starter.Planned;
import io.gridshift.workflows.common.UpgradeStatus;
import java.util.List;

/**
 * The 422 answer to a dry run whose plan is refused: the error body's fields ({@link ErrorBody}),
 * plus the dry run's id and its final status, so a client can still show the plan.
 *
 * @param code 422
 * @param message what happened and what to do
 * @param problems every reason the plan is refused
 * @param workflowId the dry run's workflow id
 * @param dryRun always true
 * @param plan the dry run's final status (phase, steps, plan when one was made, message)
 */
public record RefusedPlanBody(
    int code,
    String message,
    List<String> problems,
    String workflowId,
    boolean dryRun,
    UpgradeStatus plan) {

  static RefusedPlanBody of(Planned planned) {
    return new RefusedPlanBody(
        422, planned.refusal(), planned.problems(), planned.workflowId(), true, planned.status());
  }
}
