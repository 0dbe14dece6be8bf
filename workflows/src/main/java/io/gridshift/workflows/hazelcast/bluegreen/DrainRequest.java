package io.gridshift.workflows.hazelcast.bluegreen;

import java.util.List;

/**
 * Drain the journals with writes paused and compare again only what may have changed since the full
 * compare made while clients still wrote: the partitions that differed then, and those whose
 * journal moved past {@code comparedAt}. A partition equal then with no event since is equal now
 * (only gridshift writes to the target before the switch), so the pause does not pay for a full
 * compare.
 *
 * @param move the maps and clusters
 * @param from where draining resumes (the last catch-up's marks)
 * @param comparedAt the journal marks the full compare started from
 * @param compared the full compare's result
 */
public record DrainRequest(
    MapMove move, JournalMarks from, JournalMarks comparedAt, List<MapCheck> compared) {
  public DrainRequest {
    compared = compared == null ? List.of() : List.copyOf(compared);
  }
}
