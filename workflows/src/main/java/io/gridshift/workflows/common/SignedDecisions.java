package io.gridshift.workflows.common;

import io.gridshift.workflows.approval.ApprovalClaims;
import io.gridshift.workflows.approval.ApprovalRules;
import io.gridshift.workflows.approval.ApprovalVerifier.Verification;
import io.gridshift.workflows.approval.Approvals;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@link Gatekeeper}'s check of approval tokens, workflow side: the worker's {@link Approvals}
 * in, deterministic answers out.
 *
 * <ol>
 *   <li>When the first gate opens, the rules (mode, four-eyes forced) are recorded once in a side
 *       effect, behind {@link WorkflowChanges#APPROVAL_RULES}: a replay gets the recorded rules
 *       whatever the worker's config says now, and a history from before this change replays under
 *       open rules.
 *   <li>Under signed rules, a decision without a token is refused with {@link #UNSIGNED}; a token
 *       is verified in a side effect (a replay reads the verdict, even after the keys rotated).
 *   <li>An accepted token's nonce is remembered ({@value #REMEMBERED_NONCES} at most): the same
 *       token is refused on a gate that opens again under the same name (retry).
 * </ol>
 */
final class SignedDecisions {
  /**
   * How many accepted tokens' nonces a workflow remembers. Tokens live 5 minutes and each accepted
   * one closes a gate, so no workflow accepts this many within a token's life.
   */
  static final int REMEMBERED_NONCES = 64;

  static final String UNSIGNED =
      "signed approvals are on: this worker accepts only gate decisions signed by the gridshift"
          + " REST service, and this one carries no approval token (a Temporal UI signal or update,"
          + " or the CLI without --server). Decide through the REST service or its operations page:"
          + " ./gridshift --server URL approve|reject <workflow-id> <gate>";

  private Approvals approvals = Approvals.OPEN;
  private ApprovalRules rules;
  private final Set<String> usedNonces = new LinkedHashSet<>();

  /** The worker's approvals; read when the first gate opens and for each token. */
  void approvals(Approvals approvals) {
    this.approvals = approvals;
  }

  /** Records the rules the first time a gate opens (step 1); later calls do nothing. */
  void recordRules() {
    if (rules != null) {
      return;
    }
    int version = Workflow.getVersion(WorkflowChanges.APPROVAL_RULES, Workflow.DEFAULT_VERSION, 1);
    Approvals offered = approvals;
    rules =
        version == Workflow.DEFAULT_VERSION
            ? ApprovalRules.OPEN
            : Workflow.sideEffect(ApprovalRules.class, offered::rules);
  }

  /** Whether the recorded rules force four-eyes (false before the first gate opened). */
  boolean fourEyesRequired() {
    return rules != null && rules.fourEyesRequired();
  }

  /**
   * Under signed rules, why {@code d}'s token cannot be accepted, or null (its nonce is then
   * remembered). Call from a handler, only after the Gatekeeper's own rule accepted {@code d}: the
   * verification is a side effect, recorded in the history.
   */
  String refusal(GateDecision d, boolean approve) {
    if (rules == null || rules.mode() != ApprovalRules.Mode.SIGNED) {
      return null;
    }
    String token = d.token();
    if (token == null || token.isBlank()) {
      return UNSIGNED;
    }
    ApprovalClaims expected =
        new ApprovalClaims(
            Workflow.getInfo().getWorkflowId(),
            d.gate(),
            ApprovalClaims.decision(approve),
            d.by(),
            0,
            null);
    long now = Workflow.currentTimeMillis() / 1000;
    Approvals verifying = approvals;
    Verification v =
        Workflow.sideEffect(Verification.class, () -> verifying.verify(token, expected, now));
    if (!v.accepted()) {
      return "signed approvals are on: " + v.refusal();
    }
    if (!usedNonces.add(v.nonce())) {
      return "signed approvals are on: this approval token was already used on this workflow;"
          + " decide again through the REST service for a new one";
    }
    if (usedNonces.size() > REMEMBERED_NONCES) {
      usedNonces.remove(usedNonces.iterator().next());
    }
    return null;
  }
}
