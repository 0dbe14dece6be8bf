package io.gridshift.workflows.approval;

/**
 * The approval rules a workflow runs under, recorded in its history once (a side effect) when its
 * first gate opens, so that a worker configured otherwise later still replays it the same way. No
 * secret: the keys stay with {@link Approvals}.
 *
 * @param mode who may decide a gate
 * @param fourEyesRequired whether the worker forces four-eyes on every upgrade it hosts, whatever
 *     the request says
 */
public record ApprovalRules(Mode mode, boolean fourEyesRequired) {
  /** Today's rules: anyone who can signal the workflow decides under the name they give. */
  public static final ApprovalRules OPEN = new ApprovalRules(Mode.OPEN, false);

  public ApprovalRules {
    mode = mode == null ? Mode.OPEN : mode;
  }

  /** Who may decide a gate. */
  public enum Mode {
    /**
     * Anyone who can signal or update the workflow in Temporal, under the name they give ({@code
     * by}): the sandbox and the demos.
     */
    OPEN,
    /**
     * Only decisions carrying a token signed by the REST service ({@link ApprovalVerifier}): the
     * REST service authenticates people, the worker trusts only its signature.
     */
    SIGNED
  }
}
