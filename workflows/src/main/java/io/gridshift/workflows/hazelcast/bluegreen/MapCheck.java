package io.gridshift.workflows.hazelcast.bluegreen;

import java.util.List;

/**
 * One map compared on source and target: counts, and each partition's hash of every key and value
 * as stored (binary), so a missing, extra or different entry shows as a differing partition.
 *
 * @param map the map
 * @param sourceEntries entries on the source
 * @param targetEntries entries on the target
 * @param keysVerified entries whose key and value were compared (every entry)
 * @param differingPartitions partition ids whose hashes differ (empty when equal)
 */
public record MapCheck(
    String map,
    long sourceEntries,
    long targetEntries,
    long keysVerified,
    List<Integer> differingPartitions) {
  public MapCheck {
    differingPartitions =
        differingPartitions == null ? List.of() : List.copyOf(differingPartitions);
  }

  /** Whether the target holds exactly the source's entries. */
  public boolean equal() {
    return sourceEntries == targetEntries && differingPartitions.isEmpty();
  }
}
