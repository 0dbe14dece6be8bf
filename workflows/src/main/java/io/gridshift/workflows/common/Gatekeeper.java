package io.gridshift.workflows.common;

import io.gridshift.workflows.approval.Approvals;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Gates and operator actions of an upgrade, shared by every grid kind: it opens gates, accepts or
 * refuses decisions, keeps the audit log, and holds pause and abort requests.
 *
 * <p>A gate works like this:
 *
 * <ol>
 *   <li>Policy AUTO: it passes at once, audited as APPROVED by {@value #SYSTEM}.
 *   <li>Policy REQUIRED: it is audited as GATE_OPENED with a deadline and shown in {@code status()}
 *       as the open gate; the workflow awaits a decision, an abort, or the deadline.
 *   <li>A decision is accepted only for the open gate, with an identity, within the {@link Limits}
 *       ({@code by} at most 256 characters, {@code comment} at most 2,000), and (for approvals
 *       under four-eyes) from someone other than the requester. The same rule refuses an update in
 *       its validator and a signal in its handler (audited REFUSED with the reason and its fields
 *       cut to the limits, never acted on). Pause, resume and abort signals follow the same limits.
 *   <li>Under signed approvals ({@link Approvals}, the worker's {@code approvals.mode: signed}) a
 *       decision that passes the rule above must also carry a token the REST service signed for
 *       exactly this workflow, gate, decision and {@code by}, unexpired and not used before on this
 *       workflow. It is verified in the update handler and the signal handler, inside a side effect
 *       (the verdict replays even after the keys rotate); a refusal is audited REFUSED with its
 *       reason and, for an update, also answered. Update validators do not check tokens, so that an
 *       unsigned attempt reaches the audit log. The rules (mode, four-eyes forced) are recorded
 *       when the first gate opens.
 *   <li>The deadline is the policy's timeout held between 1 minute and 30 days ({@link
 *       GatePolicy#period()}), whatever reached the workflow.
 *   <li>At the deadline the gate is audited EXPIRED and the listener told; onTimeout ABORT ends the
 *       wait as expired. KEEP_WAITING keeps the gate open and reminds again (one EXPIRED entry and
 *       one notification each) after twice the last wait, at most daily ({@link
 *       #MAX_REMINDER_INTERVAL}) unless the timeout is longer: never a tight loop, and a bounded
 *       history however long nobody answers.
 * </ol>
 *
 * <p>Handlers call the public methods from the workflow thread; validators only read.
 */
public final class Gatekeeper {
  /** Who automatic decisions are attributed to. */
  public static final String SYSTEM = "gridshift";

  /** The gate opened after a failure past the point of no return: approve retries the step. */
  public static final String RETRY_GATE = "retry";

  /**
   * Longest interval between two reminders of a KEEP_WAITING gate (unless its timeout is longer).
   */
  public static final Duration MAX_REMINDER_INTERVAL = Duration.ofDays(1);

  /** The refusal of a decision without a token under signed approvals. */
  public static final String UNSIGNED = SignedDecisions.UNSIGNED;

  private static final Logger log = Workflow.getLogger(Gatekeeper.class);

  /** How a gate ended. */
  public enum Outcome {
    APPROVED,
    REJECTED,
    EXPIRED,
    ABORTED
  }

  /**
   * How a gate ended and the audit entry that ended it.
   *
   * @param outcome approved, rejected, expired or aborted
   * @param entry the decision, expiry or abort request
   */
  public record Result(Outcome outcome, AuditEntry entry) {}

  private final StepTracker tracker;
  private final List<AuditEntry> audit = new ArrayList<>();
  private String requestedBy = "unknown";
  private boolean fourEyes;
  private OpenGate open;
  private AuditEntry decision;
  private boolean paused;
  private AuditEntry abortRequest;

  /**
   * Set once the upgrade has ended: while it sends its last notifications and Events, no orders.
   */
  private Phase ended;

  private UpgradeListener listener = UpgradeListener.NONE;
  private UpgradeMetrics metrics = UpgradeMetrics.NONE;
  private final SignedDecisions signatures = new SignedDecisions();

  /** Phases are written to {@code tracker} while a gate is open or a pause holds. */
  public Gatekeeper(StepTracker tracker) {
    this.tracker = tracker;
  }

  /** Tells {@code listener} when a gate opens or expires. */
  public void listener(UpgradeListener listener) {
    this.listener = listener;
  }

  /** Reports how long each gate waited, and each passed deadline, to {@code metrics}. */
  public void metrics(UpgradeMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Gate decisions follow {@code approvals} (the worker's config); default {@link Approvals#OPEN}.
   */
  public void approvals(Approvals approvals) {
    signatures.approvals(approvals);
  }

  /** Sets who requested the upgrade and whether they are barred from approving it. */
  public void configure(String requestedBy, boolean fourEyes) {
    this.requestedBy = requestedBy;
    this.fourEyes = fourEyes;
  }

  /**
   * Passes gate {@code gate} under {@code policy}, blocking the workflow until it is decided,
   * expires (onTimeout ABORT) or the upgrade is aborted. The phase is {@code phaseWhileOpen} while
   * it waits and RUNNING afterwards.
   */
  public Result pass(String gate, GatePolicy policy, Phase phaseWhileOpen) {
    Result result = waitForDecision(gate, policy, phaseWhileOpen);
    listener.gateDecided(gate, result);
    return result;
  }

  private Result waitForDecision(String gate, GatePolicy policy, Phase phaseWhileOpen) {
    if (policy.approval() == GatePolicy.Approval.AUTO) {
      String by = policy.autoApprover() == null ? SYSTEM : policy.autoApprover();
      AuditEntry auto =
          record(gate, AuditEntry.Action.APPROVED, by, "passed automatically (policy AUTO)");
      return new Result(Outcome.APPROVED, auto);
    }
    Duration period = policy.period();
    tracker.phase(phaseWhileOpen);
    long opened = Workflow.currentTimeMillis();
    try {
      open(gate, policy, period, WorkflowClock.now());
      Duration wait = period;
      while (true) {
        Workflow.await(wait, () -> decision != null || abortRequest != null);
        Result result = decided();
        if (result != null) {
          return result;
        }
        if (policy.onTimeout() == GatePolicy.TimeoutAction.ABORT) {
          return new Result(Outcome.EXPIRED, expire("; onTimeout ABORT: the upgrade stops"));
        }
        wait = keepWaiting(gate, policy, period, wait);
      }
    } finally {
      metrics.gateEnded(gate, Workflow.currentTimeMillis() - opened);
      open = null;
      decision = null;
      tracker.phase(Phase.RUNNING);
    }
  }

  private void open(String gate, GatePolicy policy, Duration wait, String openedAt) {
    signatures.recordRules();
    open =
        new OpenGate(
            gate, openedAt, WorkflowClock.after(wait), policy.onTimeout(), requestedBy, fourEyes());
    record(
        gate,
        AuditEntry.Action.GATE_OPENED,
        SYSTEM,
        "waiting for a decision until " + open.deadline() + " (then " + policy.onTimeout() + ")");
    log.info("gate '{}' open until {}", gate, open.deadline());
    listener.gateOpened(open);
  }

  /** Whether the requester may not approve: the request asks for it, or the worker forces it. */
  private boolean fourEyes() {
    return fourEyes || signatures.fourEyesRequired();
  }

  private Result decided() {
    if (abortRequest != null) {
      return new Result(Outcome.ABORTED, abortRequest);
    }
    if (decision != null) {
      boolean approved = decision.action() == AuditEntry.Action.APPROVED;
      return new Result(approved ? Outcome.APPROVED : Outcome.REJECTED, decision);
    }
    return null;
  }

  private AuditEntry expire(String what) {
    AuditEntry expired =
        record(
            open.name(),
            AuditEntry.Action.EXPIRED,
            SYSTEM,
            "no decision by " + open.deadline() + what);
    log.warn("gate '{}' expired with no decision{}", open.name(), what);
    metrics.gateOverdue(open.name());
    listener.gateExpired(open, expired.comment());
    return expired;
  }

  /**
   * A KEEP_WAITING gate expired: audits and notifies, keeps the gate open, and returns how long
   * until the next reminder.
   */
  private Duration keepWaiting(String gate, GatePolicy policy, Duration period, Duration last) {
    Duration next = nextReminder(period, last);
    String openedAt = open.openedAt();
    expire(
        "; onTimeout KEEP_WAITING: the gate stays open, next reminder at "
            + WorkflowClock.after(next));
    open =
        new OpenGate(
            gate, openedAt, WorkflowClock.after(next), policy.onTimeout(), requestedBy, fourEyes());
    listener.gateOpened(open);
    return next;
  }

  /**
   * The wait after a reminder: twice the last one, at most {@link #MAX_REMINDER_INTERVAL}, never
   * less than the gate's period. A 1-minute gate reminds after 1, 2, 4 ... 1024 minutes, then
   * daily: about 40 reminders in 30 days instead of 43,200.
   */
  static Duration nextReminder(Duration period, Duration last) {
    Duration doubled = last.multipliedBy(2);
    Duration capped =
        doubled.compareTo(MAX_REMINDER_INTERVAL) > 0 ? MAX_REMINDER_INTERVAL : doubled;
    return capped.compareTo(period) < 0 ? period : capped;
  }

  /**
   * Why {@code d} cannot be accepted now, or null when it can. Read-only: update validators call
   * it.
   */
  public String refusal(GateDecision d, boolean approve) {
    if (d == null) {
      return "a decision needs a body: {gate, by, comment}";
    }
    String tooLong = limitsRefusal(d.by(), d.comment());
    if (tooLong != null) {
      return tooLong;
    }
    String gate = Limits.abbreviate(d.gate());
    if (open == null) {
      return "gate '" + gate + "' is not open; no gate is open";
    }
    if (!open.name().equals(d.gate())) {
      return "gate '" + gate + "' is not open; the open gate is '" + open.name() + "'";
    }
    if (decision != null) {
      return "gate '"
          + open.name()
          + "' was already "
          + decision.action().name().toLowerCase(java.util.Locale.ROOT)
          + " by "
          + decision.by();
    }
    if (d.by() == null || d.by().isBlank()) {
      return "'by' is required: say who decides (it goes into the audit log)";
    }
    // Rejecting stops the upgrade, which is always safe: four-eyes guards approvals only.
    if (approve && fourEyes() && d.by().trim().equalsIgnoreCase(requestedBy)) {
      return "four-eyes is on: "
          + requestedBy
          + " requested this upgrade and cannot approve gate '"
          + open.name()
          + "'; ask another person to approve";
    }
    return null;
  }

  /** Why {@code by} or {@code comment} is past its limit ({@link Limits}), or null. */
  private static String limitsRefusal(String by, String comment) {
    String problem = Limits.identityProblem("'by'", by);
    return problem != null ? problem : Limits.commentProblem("'comment'", comment);
  }

  /** Update validator: throws IllegalArgumentException with the refusal. */
  public void validate(GateDecision d, boolean approve) {
    String refusal = refusal(d, approve);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  /**
   * Update handler: accepts {@code d}. Validates again because another decision may have been
   * accepted since the validator ran; a refusal here fails the update, not the workflow. Under
   * signed approvals a token refusal is also audited REFUSED (the validator let it through so that
   * it would be).
   */
  public AuditEntry decide(GateDecision d, boolean approve) {
    String refusal = refusal(d, approve);
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, FailureTypes.DECISION_REFUSED);
    }
    String unsigned = signatures.refusal(d, approve);
    if (unsigned != null) {
      refuse(d.gate(), d.by(), d.comment(), unsigned);
      throw ApplicationFailure.newNonRetryableFailure(unsigned, FailureTypes.DECISION_REFUSED);
    }
    return accept(d, approve);
  }

  /** Signal handler: accepts {@code d}, or audits it as REFUSED with the reason. */
  public void decideBySignal(GateDecision d, boolean approve) {
    String refusal = refusal(d, approve);
    if (refusal != null) {
      refuse(d == null ? null : d.gate(), d == null ? null : d.by(), comment(d), refusal);
      return;
    }
    String unsigned = signatures.refusal(d, approve);
    if (unsigned != null) {
      refuse(d.gate(), d.by(), d.comment(), unsigned);
      return;
    }
    accept(d, approve);
  }

  private AuditEntry accept(GateDecision d, boolean approve) {
    AuditEntry.Action action = approve ? AuditEntry.Action.APPROVED : AuditEntry.Action.REJECTED;
    decision = record(d.gate(), action, d.by().trim(), d.comment());
    log.info("gate '{}' {} by {}", d.gate(), action, d.by());
    return decision;
  }

  /**
   * Why a pause, resume or abort by {@code a} cannot be accepted now, or null. Read-only: the one
   * rule for the update validators, the updates and the signals (which audit a refusal instead of
   * answering it).
   */
  public String refusal(OperatorAction.Verb verb, OperatorAction a) {
    if (ended != null) {
      return "the upgrade has ended ("
          + ended
          + "): nothing can be paused, resumed or aborted any more";
    }
    String refusal = actorRefusal(a);
    if (refusal != null) {
      return refusal;
    }
    return switch (verb) {
      case PAUSE -> paused ? "already paused; resume it when it may go on" : null;
      case RESUME ->
          paused
              ? null
              : "the upgrade is not paused, so there is nothing to resume; pause holds it before"
                  + " its next step";
      case ABORT ->
          abortRequest == null
              ? null
              : "an abort is already under way (requested by "
                  + abortRequest.by()
                  + "); follow it with the upgrade's status";
    };
  }

  /** The upgrade ended in {@code phase}: pause, resume and abort are refused from now on. */
  public void ended(Phase phase) {
    ended = phase;
  }

  /** Pauses before the next step; refused without an identity or when already paused. */
  public void pause(OperatorAction a) {
    String refusal = refusal(OperatorAction.Verb.PAUSE, a);
    if (refusal != null) {
      refuse(null, a == null ? null : a.by(), a == null ? null : a.comment(), refusal);
      return;
    }
    paused = true;
    record(null, AuditEntry.Action.PAUSED, a.by().trim(), a.comment());
  }

  /** Resumes; refused without an identity or when not paused. */
  public void resume(OperatorAction a) {
    String refusal = refusal(OperatorAction.Verb.RESUME, a);
    if (refusal != null) {
      refuse(null, a == null ? null : a.by(), a == null ? null : a.comment(), refusal);
      return;
    }
    paused = false;
    record(null, AuditEntry.Action.RESUMED, a.by().trim(), a.comment());
  }

  /** Records an abort request; returns false (audited REFUSED) when it cannot be accepted. */
  public boolean abort(OperatorAction a) {
    String refusal = refusal(OperatorAction.Verb.ABORT, a);
    if (refusal != null) {
      refuse(null, a == null ? null : a.by(), a == null ? null : a.comment(), refusal);
      return false;
    }
    abortRequest = record(null, AuditEntry.Action.ABORT_REQUESTED, a.by().trim(), a.comment());
    log.warn("abort requested by {}", a.by());
    return true;
  }

  /** Blocks while paused (phase PAUSED), unless an abort is requested. */
  public void awaitUnpaused() {
    if (!paused || abortRequest != null) {
      return;
    }
    Phase before = tracker.phase();
    tracker.phase(Phase.PAUSED);
    Workflow.await(() -> !paused || abortRequest != null);
    tracker.phase(before);
  }

  /**
   * Takes over the audit log and pause of an earlier run of the same workflow (a continue-as-new):
   * call before any handler runs.
   */
  public void restore(List<AuditEntry> earlier, boolean wasPaused) {
    audit.clear();
    audit.addAll(earlier);
    paused = wasPaused;
  }

  /**
   * Audits an accepted operator action that is not a gate decision or a pause/resume/abort (a
   * fleet's skip or retry of one grid, {@code subject}); returns the entry.
   */
  public AuditEntry audited(String subject, AuditEntry.Action action, String by, String comment) {
    return record(subject, action, by.trim(), comment);
  }

  /** Audits a refused signal about {@code subject} (cut to the limits, never acted on). */
  public void refusedSignal(String subject, String by, String comment, String reason) {
    refuse(subject, by, comment, reason);
  }

  /** Why {@code by} and {@code comment} cannot be accepted, or null (the one actor rule). */
  public static String actorRefusal(String by, String comment) {
    return actorRefusal(new OperatorAction(by, comment));
  }

  /** The accepted abort request, or null. */
  public AuditEntry abortRequest() {
    return abortRequest;
  }

  /** The gate waiting for a decision, or null. */
  public OpenGate openGate() {
    return open;
  }

  public boolean paused() {
    return paused;
  }

  /** The audit log, oldest first (a copy). */
  public List<AuditEntry> audit() {
    return new ArrayList<>(audit);
  }

  private static String actorRefusal(OperatorAction a) {
    if (a == null || a.by() == null || a.by().isBlank()) {
      return "'by' is required: say who asks (it goes into the audit log)";
    }
    return limitsRefusal(a.by(), a.comment());
  }

  private static String comment(GateDecision d) {
    return d == null ? null : d.comment();
  }

  /**
   * Audits a refused signal. Its fields are cut to their limits first: a signal cannot be refused
   * to its sender, but a 300 KB name must not enter the history, the status and every notification
   * after it.
   */
  private void refuse(String gate, String by, String comment, String reason) {
    String who = Limits.truncate(by, Limits.MAX_IDENTITY);
    audit.add(
        new AuditEntry(
            WorkflowClock.now(),
            Limits.truncate(gate, Names.MAX_LABEL),
            AuditEntry.Action.REFUSED,
            who,
            Limits.truncate(comment, Limits.MAX_COMMENT),
            reason));
    log.warn("refused a request by {}: {}", Limits.abbreviate(who), reason);
  }

  private AuditEntry record(String gate, AuditEntry.Action action, String by, String comment) {
    AuditEntry entry = new AuditEntry(WorkflowClock.now(), gate, action, by, comment, null);
    audit.add(entry);
    return entry;
  }
}
