package io.gridshift.workflows.approval;

import io.gridshift.workflows.approval.ApprovalVerifier.Verification;

/**
 * What a worker hands the workflows it hosts about approvals: the {@link ApprovalRules} and, in
 * {@link ApprovalRules.Mode#SIGNED} mode, the verifier holding the keys. Built once from the
 * worker's config and passed to each workflow instance by the registration factory ({@link
 * #applyTo}); immutable, so all workflows of a worker share it. The keys never leave it: workflows
 * record the rules and each verdict, never a key.
 */
public final class Approvals {
  /** Today's behaviour: no tokens, four-eyes as each request says. */
  public static final Approvals OPEN = new Approvals(ApprovalRules.OPEN, null);

  private final ApprovalRules rules;
  private final ApprovalVerifier verifier;

  private Approvals(ApprovalRules rules, ApprovalVerifier verifier) {
    this.rules = rules;
    this.verifier = verifier;
  }

  /** Open mode; {@code fourEyesRequired} forces four-eyes on every upgrade. */
  public static Approvals open(boolean fourEyesRequired) {
    return fourEyesRequired
        ? new Approvals(new ApprovalRules(ApprovalRules.Mode.OPEN, true), null)
        : OPEN;
  }

  /** Signed mode: decisions need a token verified with one of {@code keys}. */
  public static Approvals signed(ApprovalKeys keys, boolean fourEyesRequired) {
    return new Approvals(
        new ApprovalRules(ApprovalRules.Mode.SIGNED, fourEyesRequired), new ApprovalVerifier(keys));
  }

  /** The rules a workflow records when its first gate opens. */
  public ApprovalRules rules() {
    return rules;
  }

  /**
   * Verifies {@code token} for {@code expected}; a worker without keys (open mode, replaying or
   * continuing a workflow recorded under signed mode) refuses every token, saying why.
   */
  public Verification verify(String token, ApprovalClaims expected, long nowEpochSeconds) {
    if (verifier == null) {
      return new Verification(
          "this worker holds no approval keys (approvals.mode is not signed), but this workflow"
              + " started under signed approvals; give the worker approvals.mode: signed and the"
              + " keys",
          null);
    }
    return verifier.verify(token, expected, nowEpochSeconds);
  }

  /** Hands these approvals to {@code implementation} when it is {@link ApprovalGuarded}. */
  public <T> T applyTo(T implementation) {
    if (implementation instanceof ApprovalGuarded guarded) {
      guarded.approvals(this);
    }
    return implementation;
  }

  @Override
  public String toString() {
    return "Approvals" + rules;
  }
}
