package io.gridshift.demo.fleet;

/**
 * What the demo itself found on one grid after the fleet ended (the fleet's status is the
 * workflow's word; this is the client's).
 *
 * @param path {@code cluster/namespace/name}
 * @param loadedKeys keys loaded before the run
 * @param missingKeys of those, the ones absent or changed when read back through the grid's Service
 *     after the run; null when they could not be read (the message says why)
 * @param lostWrites writes the traffic probe saw acknowledged and could not read back; null when no
 *     probe ran on the grid
 * @param probeErrors operations the probe saw fail (downtime as a client sees it); null without a
 *     probe
 * @param message why the keys could not be read, or null
 */
public record GridCheck(
    String path,
    int loadedKeys,
    Long missingKeys,
    Long lostWrites,
    Long probeErrors,
    String message) {

  /** Whether nothing was lost: every key read back, and no acknowledged write missing. */
  public boolean nothingLost() {
    return missingKeys != null && missingKeys == 0 && (lostWrites == null || lostWrites == 0);
  }
}
