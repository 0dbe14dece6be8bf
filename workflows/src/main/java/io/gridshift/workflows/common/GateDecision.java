package io.gridshift.workflows.common;

/**
 * An approval or rejection of a gate, sent by a person through the UI, REST or CLI.
 *
 * @param gate the gate's name, e.g. {@code switch-traffic}; must be the gate that is open
 * @param by who decides (identity; required, at most {@value Limits#MAX_IDENTITY} characters with
 *     no control characters, and different from the requester when four-eyes is on)
 * @param comment why (free text, kept in the audit log; at most {@value Limits#MAX_COMMENT}
 *     characters)
 */
public record GateDecision(String gate, String by, String comment) {}
