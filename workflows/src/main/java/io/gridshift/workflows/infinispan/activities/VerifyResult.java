package io.gridshift.workflows.infinispan.activities;

import java.util.List;

/**
 * Outcome of comparing one cache.
 *
 * @param cache cache name
 * @param sourceEntries entries on the source
 * @param targetEntries entries on the target
 * @param checkedKeys keys looked up on the target
 * @param missingKeys of those, keys absent on the target
 * @param differentValues sampled keys whose value differs
 * @param examples up to 10 offending keys, for the message
 */
public record VerifyResult(
    String cache,
    long sourceEntries,
    long targetEntries,
    long checkedKeys,
    long missingKeys,
    long differentValues,
    List<String> examples) {

  /**
   * True when nothing is missing or different and the target holds at least the source's entries.
   */
  public boolean ok() {
    return missingKeys == 0 && differentValues == 0 && targetEntries >= sourceEntries;
  }
}
