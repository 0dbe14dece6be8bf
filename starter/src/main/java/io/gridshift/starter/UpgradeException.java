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

  /** What kind of error: maps to 404, 409, 422, 403 in REST and to exit codes in the CLI. */
  public enum Reason {
    /** No upgrade with that id. */
    NOT_FOUND,
    /** Already running, gate not open, upgrade already ended. */
    CONFLICT,
    /** The request or decision itself is wrong. */
    INVALID,
    /** The caller may not do this (four-eyes: the requester approving their own upgrade). */
    FORBIDDEN,
    /** Temporal did not answer in time (e.g. a dry run still planning). */
    TIMEOUT
  }
}
