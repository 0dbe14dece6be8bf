package io.gridshift.starter;

import io.gridshift.workflows.common.Causes;
import io.temporal.client.WorkflowUpdateException;

/**
 * The one reading of a refused update, for upgrades and fleets alike: the workflow's own reason, as
 * FORBIDDEN when four-eyes refused the caller (403, exit 6), else CONFLICT (409, exit 4: gate not
 * open, not paused, unknown grid...).
 */
final class UpdateRefusals {
  /** The four-eyes refusal starts so (Gatekeeper.refusal): it becomes 403, not 409. */
  private static final String FOUR_EYES_REFUSAL = "four-eyes is on";

  private UpdateRefusals() {}

  static UpgradeException of(WorkflowUpdateException e) {
    String refusal = Causes.rootMessage(e);
    UpgradeException.Reason reason =
        refusal != null && refusal.startsWith(FOUR_EYES_REFUSAL)
            ? UpgradeException.Reason.FORBIDDEN
            : UpgradeException.Reason.CONFLICT;
    return new UpgradeException(reason, refusal);
  }
}
