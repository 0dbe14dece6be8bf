package io.gridshift.workflows.common;

/**
 * The gate currently waiting for a decision.
 *
 * @param name gate name
 * @param openedAt ISO-8601 instant
 * @param deadline ISO-8601 instant at which {@code onTimeout} applies
 * @param onTimeout what happens at the deadline
 * @param requestedBy the requester (who may not approve when four-eyes is on)
 * @param fourEyes whether the approver must differ from the requester
 */
public record OpenGate(
    String name,
    String openedAt,
    String deadline,
    GatePolicy.TimeoutAction onTimeout,
    String requestedBy,
    boolean fourEyes) {}
