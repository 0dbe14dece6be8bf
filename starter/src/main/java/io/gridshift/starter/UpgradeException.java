package io.gridshift.starter;

/** A front-door error with a message a person can act on, and its kind (for exit/status codes). */
public class UpgradeException extends RuntimeException {
  private final Reason reason;

  public UpgradeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** What kind of error: maps to 404, 409, 422 in REST and to exit codes in the CLI. */
  public enum Reason {
    NOT_FOUND,
    CONFLICT,
    INVALID
  }
}
