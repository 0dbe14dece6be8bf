package io.gridshift.workflows.approval;

import io.gridshift.workflows.common.Limits;
import java.time.Instant;
import java.util.Locale;

/**
 * Checks an approval token against the decision it came with. Pure and thread-safe: one instance
 * serves every workflow of a worker. Workflows call it inside {@code Workflow.sideEffect}, so that
 * a replay reads the recorded verdict even after the keys rotated.
 *
 * <p>The checks, in order; the first that fails is the refusal:
 *
 * <ol>
 *   <li>the token is present and of the form {@code v1.<kid>.<claims>.<signature>};
 *   <li>this worker lists key {@code kid};
 *   <li>the signature matches (constant-time compare) — only then are the claims read;
 *   <li>workflow, gate, decision and approver are the decision's;
 *   <li>the token has not expired.
 * </ol>
 *
 * Nonce reuse is the workflow's to check: only it knows which nonces it has accepted.
 */
public final class ApprovalVerifier {
  private final ApprovalKeys keys;

  public ApprovalVerifier(ApprovalKeys keys) {
    this.keys = keys;
  }

  /**
   * Verifies {@code token} for {@code expected} (its expiry and nonce ignored) at {@code
   * nowEpochSeconds}.
   *
   * @return the verified claims, or the refusal
   */
  public Verification verify(String token, ApprovalClaims expected, long nowEpochSeconds) {
    try {
      ApprovalClaims claims = verified(token);
      String mismatch = mismatch(claims, expected);
      if (mismatch != null) {
        return Verification.refused(mismatch);
      }
      if (nowEpochSeconds > claims.expires()) {
        return Verification.refused(
            "the approval token expired at "
                + Instant.ofEpochSecond(claims.expires())
                + " (now "
                + Instant.ofEpochSecond(nowEpochSeconds)
                + "); tokens live "
                + ApprovalSigner.LIFETIME.toMinutes()
                + " minutes: decide again through the REST service");
      }
      return Verification.accepted(claims.nonce());
    } catch (IllegalArgumentException e) {
      return Verification.refused(e.getMessage());
    }
  }

  private ApprovalClaims verified(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the decision carries no approval token");
    }
    ApprovalToken token = ApprovalToken.parse(text.strip());
    byte[] key = keys.key(token.kid());
    if (key == null) {
      throw new IllegalArgumentException(
          "the approval token was signed with key '"
              + Limits.abbreviate(token.kid())
              + "', which this worker does not list (it lists "
              + keys.ids()
              + "); add the REST service's key to approvals.keys of the workers");
    }
    if (!token.signedWith(key)) {
      throw new IllegalArgumentException(
          "the approval token's signature does not match key '"
              + token.kid()
              + "': it was altered or signed with another key");
    }
    return token.readClaims();
  }

  private static String mismatch(ApprovalClaims got, ApprovalClaims want) {
    if (!want.workflowId().equals(got.workflowId())) {
      return "the approval token is for workflow '"
          + Limits.abbreviate(got.workflowId())
          + "', not this one ('"
          + want.workflowId()
          + "')";
    }
    if (!want.gate().equals(got.gate())) {
      return "the approval token is for gate '"
          + Limits.abbreviate(got.gate())
          + "', not '"
          + Limits.abbreviate(want.gate())
          + "'";
    }
    if (!want.decision().equals(got.decision())) {
      return "the approval token is for "
          + Limits.abbreviate(got.decision())
          + ", not "
          + want.decision()
          + ": it cannot be used to "
          + want.decision().toLowerCase(Locale.ROOT);
    }
    if (want.by() == null || !want.by().strip().equals(got.by())) {
      return "the approval token was issued to '"
          + Limits.abbreviate(got.by())
          + "', not to '"
          + Limits.abbreviate(want.by())
          + "'";
    }
    return null;
  }

  /**
   * The outcome of {@link #verify}; a plain record, so that {@code Workflow.sideEffect} records and
   * replays it.
   *
   * @param refusal why the token is refused, or null when it is accepted
   * @param nonce the accepted token's nonce, or null when refused
   */
  public record Verification(String refusal, String nonce) {
    static Verification refused(String why) {
      return new Verification(why, null);
    }

    static Verification accepted(String nonce) {
      return new Verification(null, nonce);
    }

    public boolean accepted() {
      return refusal == null;
    }
  }
}
