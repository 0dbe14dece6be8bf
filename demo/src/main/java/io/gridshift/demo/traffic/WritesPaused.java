package io.gridshift.demo.traffic;

/**
 * Thrown by {@link GridOps#put} when the client holds writes to the key's cache (an upgrade asked
 * for a write pause): the write was not sent, so it is neither acknowledged nor lost.
 */
public final class WritesPaused extends RuntimeException {
  public WritesPaused(String cache) {
    super("writes to cache '" + cache + "' are paused");
  }
}
