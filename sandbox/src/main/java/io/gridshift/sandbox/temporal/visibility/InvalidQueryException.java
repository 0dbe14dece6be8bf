package io.gridshift.sandbox.temporal.visibility;

/**
 * A visibility query the sandbox cannot run: bad syntax, an unknown search attribute, a value of
 * the wrong type. Answered as INVALID_ARGUMENT, as the real server does.
 */
public final class InvalidQueryException extends RuntimeException {
  public InvalidQueryException(String message) {
    super(message);
  }
}
