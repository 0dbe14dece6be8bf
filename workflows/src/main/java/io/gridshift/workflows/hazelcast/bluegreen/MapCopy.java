package io.gridshift.workflows.hazelcast.bluegreen;

/**
 * What the bulk copy of one map did.
 *
 * @param map the map
 * @param entries entries put to the target
 * @param millis how long it took
 */
public record MapCopy(String map, long entries, long millis) {
  /** Entries per second (0 when it took no measurable time). */
  public long entriesPerSecond() {
    return millis == 0 ? 0 : entries * 1000 / millis;
  }
}
