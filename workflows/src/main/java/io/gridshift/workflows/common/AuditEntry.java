package io.gridshift.workflows.common;

/**
 * One line of an upgrade's audit log.
 *
 * @param at when (ISO-8601 instant, workflow time)
 * @param gate the gate concerned, or null for pause/resume/abort
 * @param action what happened
 * @param by who (a person, or {@code gridshift} for automatic decisions)
 * @param comment the person's comment
 * @param reason for {@link Action#REFUSED}: why the request was not acted on
 */
public record AuditEntry(
    String at, String gate, Action action, String by, String comment, String reason) {

  /** The kinds of audited events. */
  public enum Action {
    GATE_OPENED,
    APPROVED,
    REJECTED,
    EXPIRED,
    REFUSED,
    PAUSED,
    RESUMED,
    ABORT_REQUESTED,
    /** A fleet's grid skipped by a person: it is not upgraded. */
    SKIPPED,
    /** A fleet's grid queued again by a person. */
    RETRIED,
    /**
     * A person took a grid over from the tool that manages it ({@code "ownership": "TAKE_OVER"});
     * the comment says what, from whom and on which evidence.
     */
    TOOK_OVER
  }
}
