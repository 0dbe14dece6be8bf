package io.gridshift.demo.traffic;

import java.util.List;

/**
 * The end-of-run check: every key whose write was acknowledged, read again.
 *
 * @param checkedKeys keys with at least one acknowledged write
 * @param lostWrites keys missing or holding a version older than the last acknowledged one
 * @param missingKeys of the lost writes, keys with no entry at all
 * @param staleKeys of the lost writes, keys holding an older (or a foreign) value
 * @param unreadableKeys keys the grid did not answer for within the retries (neither fine nor lost:
 *     unknown)
 * @param examples the first few lost or unreadable keys with what was found, for the log
 */
public record Verification(
    long checkedKeys,
    long lostWrites,
    long missingKeys,
    long staleKeys,
    long unreadableKeys,
    List<String> examples) {

  public Verification {
    examples = List.copyOf(examples);
  }
}
