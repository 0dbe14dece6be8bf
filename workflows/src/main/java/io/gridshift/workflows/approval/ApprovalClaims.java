package io.gridshift.workflows.approval;

/**
 * What an approval token says, and all it says: one decision on one gate of one workflow, by one
 * person, until a deadline. The REST service signs it for the person it authenticated; the worker
 * accepts a decision only when every field matches the decision it carries.
 *
 * @param workflowId the workflow the decision is for (a token cannot be replayed on another one)
 * @param gate the gate decided, e.g. {@code switch-traffic}
 * @param decision {@link #APPROVE} or {@link #REJECT}
 * @param by who decides: the REST service's authenticated user, as recorded in the audit log
 * @param expires epoch seconds after which the token is refused
 * @param nonce a random value; a workflow accepts each nonce once
 */
public record ApprovalClaims(
    String workflowId, String gate, String decision, String by, long expires, String nonce) {
  /** The decision of an approval. */
  public static final String APPROVE = "APPROVE";

  /** The decision of a rejection. */
  public static final String REJECT = "REJECT";

  /** {@link #APPROVE} or {@link #REJECT}. */
  public static String decision(boolean approve) {
    return approve ? APPROVE : REJECT;
  }
}
