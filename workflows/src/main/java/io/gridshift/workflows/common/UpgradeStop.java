package io.gridshift.workflows.common;

import io.temporal.failure.CanceledFailure;

/**
 * Ends an upgrade: thrown inside the workflow by a step, a gate or an operator action, caught once
 * at the top of the workflow method, which compensates (before cutover) and turns it into the
 * workflow's failure. It never leaves the workflow.
 */
public final class UpgradeStop extends RuntimeException {
  /** A person rejected a gate. */
  public static final String GATE_REJECTED = "GateRejected";

  /** A gate's deadline passed with no decision and its policy says abort. */
  public static final String GATE_EXPIRED = "GateExpired";

  /** A person sent {@code abort}. */
  public static final String ABORTED = "Aborted";

  /** The workflow execution was cancelled through Temporal. */
  public static final String CANCELLED = "Cancelled";

  private final Phase phase;
  private final String type;
  private final Answer answer;

  /** What a person already answered about this stop, if anything. */
  private enum Answer {
    NONE,
    STOP,
    ROLL_BACK
  }

  private UpgradeStop(Phase phase, String type, String message, Throwable cause, Answer answer) {
    super(message, cause);
    this.phase = phase;
    this.type = type;
    this.answer = answer;
  }

  private UpgradeStop(Phase phase, String type, String message, Throwable cause) {
    this(phase, type, message, cause, Answer.NONE);
  }

  /** Something went wrong: the upgrade ends FAILED. */
  public static UpgradeStop failed(String type, String message) {
    return new UpgradeStop(Phase.FAILED, type, message, null);
  }

  /** A person (or a gate's deadline) stopped the upgrade: it ends ABORTED. */
  public static UpgradeStop aborted(String type, String message) {
    return new UpgradeStop(Phase.ABORTED, type, message, null);
  }

  /** The workflow was cancelled; {@code cause} is rethrown once compensation has run. */
  public static UpgradeStop cancelled(CanceledFailure cause) {
    return new UpgradeStop(Phase.ABORTED, CANCELLED, "the workflow was cancelled", cause);
  }

  /** This stop with {@code detail} appended to its message. */
  public UpgradeStop withDetail(String detail) {
    return new UpgradeStop(phase, type, getMessage() + " " + detail, getCause(), answer);
  }

  /** This stop as a person's answer to stop here: it is not asked about again. */
  public UpgradeStop decided() {
    return new UpgradeStop(phase, type, getMessage(), getCause(), Answer.STOP);
  }

  /**
   * This stop as a person's answer to roll back: the step's rollback branch runs ({@link
   * UpgradeStep#rollsBackWith}).
   */
  public UpgradeStop rollBack() {
    return new UpgradeStop(phase, type, getMessage(), getCause(), Answer.ROLL_BACK);
  }

  /** Whether a person already answered this stop (to stop or to roll back). */
  public boolean answered() {
    return answer != Answer.NONE;
  }

  /** Whether a person asked to roll back. */
  public boolean rollBackRequested() {
    return answer == Answer.ROLL_BACK;
  }

  /** ABORTED or FAILED. */
  public Phase phase() {
    return phase;
  }

  /** The failure type the workflow ends with ({@link FailureTypes} or one of this class). */
  public String type() {
    return type;
  }

  /** True when the workflow execution itself was cancelled. */
  public boolean isCancellation() {
    return getCause() instanceof CanceledFailure;
  }
}
