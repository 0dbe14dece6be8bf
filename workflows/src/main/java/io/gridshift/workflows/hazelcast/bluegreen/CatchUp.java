package io.gridshift.workflows.hazelcast.bluegreen;

import java.util.List;

/**
 * What following the journals did.
 *
 * @param marks where the next catch-up resumes
 * @param applied journal events applied to the target
 * @param lag events still unread on the source when it returned (0 when drained)
 * @param millis how long it took
 * @param recopied {@code map/partition} re-copied whole because the journal had overwritten events
 *     not yet read (the journal's capacity was too small for the write rate)
 */
public record CatchUp(
    JournalMarks marks, long applied, long lag, long millis, List<String> recopied) {
  public CatchUp {
    recopied = recopied == null ? List.of() : List.copyOf(recopied);
  }
}
