package io.gridshift.demo.traffic;

/**
 * One client of a data grid, as the traffic probe uses it: string keys and values in one named
 * cache or map, reached through the grid's client Service. Implementations must be safe for
 * concurrent use by the probe's worker threads.
 */
public interface GridOps extends AutoCloseable {

  /**
   * Stores {@code value} under {@code key}; returns once the grid acknowledged the write.
   *
   * @throws WritesPaused when the client holds writes to the key's cache: nothing was sent
   * @throws Exception when the grid did not acknowledge the write (the write may or may not have
   *     been applied)
   */
  void put(String key, String value) throws Exception;

  /**
   * Reads the value of {@code key}.
   *
   * @return the value, or {@code null} when the grid holds no entry for the key
   * @throws Exception when the grid did not answer
   */
  String get(String key) throws Exception;

  /**
   * Drops the client's connections so that the next operations open new ones through the Service:
   * what an application does before it resumes writes after a traffic switch (connections opened
   * before the switch still reach the old pods). Clients without pooled connections do nothing.
   */
  default void reconnect() {}

  /** A one-line description for logs and reports: product, address, cache or map, routing. */
  String describe();
}
