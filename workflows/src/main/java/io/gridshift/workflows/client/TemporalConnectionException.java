package io.gridshift.workflows.client;

/**
 * Temporal did not answer a process at start, with one sentence saying why (down, TLS refused,
 * credentials refused) and what to set ({@link TemporalConnectionCheck}).
 */
public final class TemporalConnectionException extends RuntimeException {
  public TemporalConnectionException(String message) {
    super(message);
  }
}
