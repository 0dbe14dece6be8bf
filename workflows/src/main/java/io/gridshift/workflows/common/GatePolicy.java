package io.gridshift.workflows.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one gate behaves.
 *
 * @param approval {@link Approval#REQUIRED} waits for a person; {@link Approval#AUTO} passes at
 *     once (recorded in the audit log as approved by {@code gridshift})
 * @param timeout how long the gate stays open, e.g. {@code 24h} or {@code PT30M}: between {@link
 *     #MIN_TIMEOUT} (a shorter gate expires before anyone can read it) and {@link #MAX_TIMEOUT} (an
 *     approval weeks later answers a question about a cluster that has changed since; use
 *     KEEP_WAITING to wait longer)
 * @param onTimeout what an expired gate does: abort (with compensation where it is safe) or keep
 *     waiting
 * @param autoApprover who an AUTO pass is attributed to in the audit log; null means {@code
 *     gridshift}. A fleet sets it to the person who approved the fleet stage the upgrade runs in
 */
public record GatePolicy(
    Approval approval, String timeout, TimeoutAction onTimeout, String autoApprover) {

  /** Default deadline of a gate that requires approval. */
  public static final String DEFAULT_TIMEOUT = "24h";

  /** Shortest gate timeout a request may set. */
  public static final Duration MIN_TIMEOUT = Duration.ofMinutes(1);

  /** Longest gate timeout a request may set. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(30);

  /** A policy whose AUTO passes are attributed to {@code gridshift}. */
  public GatePolicy(Approval approval, String timeout, TimeoutAction onTimeout) {
    this(approval, timeout, onTimeout, null);
  }

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

  /**
   * {@code given} with every gate of {@code known} present: a gate not listed (or listed without a
   * policy) requires approval. Unknown gate names are kept, so that a request's problems() can name
   * them.
   */
  public static Map<String, GatePolicy> everyGate(
      Map<String, GatePolicy> given, List<String> known) {
    Map<String, GatePolicy> all = new LinkedHashMap<>(given == null ? Map.of() : given);
    for (String gate : known) {
      all.putIfAbsent(gate, required());
    }
    all.replaceAll((gate, policy) -> policy == null ? required() : policy);
    return all;
  }

  /** A gate that passes without waiting. */
  public static GatePolicy auto() {
    return new GatePolicy(Approval.AUTO, null, null);
  }

  /** This policy passing at once, attributed to {@code approver}. */
  public GatePolicy autoBy(String approver) {
    return new GatePolicy(Approval.AUTO, timeout, onTimeout, approver);
  }

  /**
   * The problem of a policy that a person wrote with {@code autoApprover}, or null. Only a fleet
   * sets it, for its children: a request or spec that names who approved is refused at the front
   * door, or anyone could put another person's name on an automatic pass.
   */
  public String writtenApproverProblem(String field) {
    return autoApprover == null
        ? null
        : field
            + ".autoApprover is set by a fleet for its children's automatic passes; leave it out";
  }

  /** Problems with this policy, empty when valid. */
  public List<String> problems(String field) {
    List<String> problems = new ArrayList<>();
    String approver = Limits.identityProblem(field + ".autoApprover", autoApprover);
    if (autoApprover != null && approver != null) {
      problems.add(approver);
    }
    Duration d;
    try {
      d = Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      problems.add(field + ".timeout " + e.getMessage());
      return problems;
    }
    if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
      problems.add(
          field
              + ".timeout '"
              + Limits.abbreviate(timeout)
              + "' is "
              + (d.compareTo(MIN_TIMEOUT) < 0 ? "shorter than 1m" : "longer than 30d")
              + "; a gate stays open between 1m and 30d: use e.g. 30m, 24h or 7d (with onTimeout"
              + " KEEP_WAITING to wait longer)");
    }
    return problems;
  }

  /**
   * How long the gate stays open: the timeout held between {@link #MIN_TIMEOUT} and {@link
   * #MAX_TIMEOUT}, so that a policy that skipped validation (e.g. raw JSON started from the
   * Temporal UI) can never expire at once or in a tight loop. An unreadable timeout counts as
   * {@link #DEFAULT_TIMEOUT}.
   */
  public Duration period() {
    Duration d;
    try {
      d = Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      d = Durations.parse(DEFAULT_TIMEOUT);
    }
    if (d.compareTo(MIN_TIMEOUT) < 0) {
      return MIN_TIMEOUT;
    }
    return d.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : d;
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
    /**
     * Record the expiry, notify, and keep the gate open; reminders then come at growing intervals
     * (see {@link Gatekeeper}), never more often than the timeout.
     */
    KEEP_WAITING
  }
}
