package io.gridshift.workflows.common;

import java.util.ArrayList;
import java.util.List;

/**
 * How one gate behaves.
 *
 * @param approval {@link Approval#REQUIRED} waits for a person; {@link Approval#AUTO} passes at
 *     once (recorded in the audit log as approved by {@code gridshift})
 * @param timeout how long the gate stays open, e.g. {@code 24h} or {@code PT30M}
 * @param onTimeout what an expired gate does: abort (with compensation where it is safe) or keep
 *     waiting
 */
public record GatePolicy(Approval approval, String timeout, TimeoutAction onTimeout) {

  /** Default deadline of a gate that requires approval. */
  public static final String DEFAULT_TIMEOUT = "24h";

  public GatePolicy {
    if (approval == null) {
      approval = Approval.REQUIRED;
    }
    if (timeout == null || timeout.isBlank()) {
      timeout = DEFAULT_TIMEOUT;
    }
    if (onTimeout == null) {
      onTimeout = TimeoutAction.ABORT;
    }
  }

  /** A gate that requires approval within {@link #DEFAULT_TIMEOUT}, aborting when it expires. */
  public static GatePolicy required() {
    return new GatePolicy(Approval.REQUIRED, null, null);
  }

  /** A gate that passes without waiting. */
  public static GatePolicy auto() {
    return new GatePolicy(Approval.AUTO, null, null);
  }

  /** Problems with this policy, empty when valid. */
  public List<String> problems(String field) {
    List<String> problems = new ArrayList<>();
    if (!Durations.isValid(timeout)) {
      problems.add(
          field + ".timeout '" + timeout + "' is not a duration; use e.g. 30m, 24h or PT2H");
    }
    return problems;
  }

  /** Whether a gate waits for a person. */
  public enum Approval {
    REQUIRED,
    AUTO
  }

  /** What a gate does when its deadline passes with no decision. */
  public enum TimeoutAction {
    /** Treat as a rejection: abort, compensating where that loses nothing. */
    ABORT,
    /** Record the expiry, notify, and keep the gate open for another timeout period. */
    KEEP_WAITING
  }
}
