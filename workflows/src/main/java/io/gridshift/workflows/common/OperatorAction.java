package io.gridshift.workflows.common;

/**
 * A pause, resume or abort request.
 *
 * @param by who asks (required)
 * @param comment why
 */
public record OperatorAction(String by, String comment) {
  /** What a person can ask of a running upgrade besides gate decisions. */
  public enum Verb {
    PAUSE,
    RESUME,
    ABORT
  }
}
