package io.gridshift.starter;

import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import java.util.List;

/**
 * A finished dry run and its verdict.
 *
 * @param workflowId the dry run's own workflow id
 * @param status its final status: the plan, or the failure and its message
 * @param problems why the plan is refused, each a sentence saying what to do; empty when the
 *     upgrade may start as planned
 */
public record Planned(String workflowId, UpgradeStatus status, List<String> problems) {
  public Planned {
    problems = List.copyOf(problems);
  }

  /**
   * Judges {@code status}, the end of a dry run. The plan is refused when the dry run did not end
   * PLANNED (the message says why: an unknown grid, a downgrade, no worker for the cluster) or when
   * the kind's own rules refuse the plan it made (a Hazelcast plan with preflight violations); the
   * problems then list every reason.
   */
  static Planned judge(String workflowId, UpgradeStatus status) {
    List<String> refusals = status.details() == null ? List.of() : status.details().refusals();
    if (!refusals.isEmpty()) {
      return new Planned(workflowId, status, refusals);
    }
    if (status.phase() == Phase.PLANNED) {
      return new Planned(workflowId, status, List.of());
    }
    String why = status.message() == null ? "it ended " + status.phase() : status.message();
    return new Planned(workflowId, status, List.of(why));
  }

  /** Whether the plan is refused (the upgrade would not start). */
  public boolean refused() {
    return !problems.isEmpty();
  }

  /** One sentence for a refused plan: what happened, to what, and what to do. */
  public String refusal() {
    int n = problems.size();
    return "the dry run "
        + workflowId
        + " refused the upgrade ("
        + n
        + (n == 1 ? " problem" : " problems")
        + "; phase "
        + status.phase()
        + "); nothing was changed: fix each problem and plan again";
  }
}
