package io.gridshift.starter.server;

import io.gridshift.starter.server.auth.GridshiftUser;
import io.gridshift.workflows.approval.ApprovalSigner;
import io.gridshift.workflows.common.GateDecision;
import java.time.Clock;

/**
 * Builds the gate decision of an authenticated caller: always in the caller's name (never a name
 * from the body), and, when the server signs approvals, with a token binding the workflow, the
 * gate, the decision and the caller, which a worker in signed mode requires.
 */
public final class GateDecisions {
  /** Decisions without tokens, for workers in open mode. */
  public static final GateDecisions UNSIGNED = new GateDecisions(null, Clock.systemUTC());

  private final ApprovalSigner signer;
  private final Clock clock;

  /**
   * @param signer signs each decision; null for none
   * @param clock the token's lifetime starts at its instant
   */
  public GateDecisions(ApprovalSigner signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * {@code caller}'s decision ({@code approve} or reject) on {@code gate} of {@code workflowId}.
   */
  public GateDecision of(
      GridshiftUser caller, String workflowId, String gate, boolean approve, CommentBody body) {
    GateDecision decision = new GateDecision(gate, caller.getName(), CommentBody.of(body));
    if (signer == null) {
      return decision;
    }
    return decision.signed(
        signer.sign(workflowId, gate, approve, caller.getName(), clock.instant()));
  }
}
