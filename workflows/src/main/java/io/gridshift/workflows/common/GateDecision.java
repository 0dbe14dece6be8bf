package io.gridshift.workflows.common;

/**
 * An approval or rejection of a gate, sent by a person through the UI, REST or CLI.
 *
 * @param gate the gate's name, e.g. {@code switch-traffic}; must be the gate that is open
 * @param by who decides (identity; required, at most {@value Limits#MAX_IDENTITY} characters with
 *     no control characters, and different from the requester when four-eyes is on)
 * @param comment why (free text, kept in the audit log; at most {@value Limits#MAX_COMMENT}
 *     characters)
 * @param token the approval token the REST service signed for this decision ({@code
 *     io.gridshift.workflows.approval.ApprovalToken}); required when the worker runs signed
 *     approvals, ignored otherwise. It binds the workflow, gate, decision and {@code by}, expires
 *     within minutes and is accepted once; it is never written to the audit log
 */
public record GateDecision(String gate, String by, String comment, String token) {
  /** A decision without a token: what the Temporal UI, the direct CLI and open mode send. */
  public GateDecision(String gate, String by, String comment) {
    this(gate, by, comment, null);
  }

  /** This decision carrying {@code token}. */
  public GateDecision signed(String token) {
    return new GateDecision(gate, by, comment, token);
  }
}
