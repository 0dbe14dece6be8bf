package io.gridshift.workflows.hazelcast.bluegreen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where following each map's event journal resumes: per map, one sequence per partition (the next
 * event to apply). 271 numbers per map with Hazelcast's default partition count: small enough for a
 * heartbeat and an activity result.
 *
 * @param next per map, the next journal sequence to read of each partition (index = partition id)
 */
public record JournalMarks(Map<String, List<Long>> next) {
  public JournalMarks {
    Map<String, List<Long>> copy = new LinkedHashMap<>();
    (next == null ? Map.<String, List<Long>>of() : next)
        .forEach((map, seqs) -> copy.put(map, List.copyOf(seqs)));
    next = Map.copyOf(copy);
  }

  /** The marks of {@code map}; an unknown map is a programming error. */
  public List<Long> of(String map) {
    List<Long> seqs = next.get(map);
    if (seqs == null) {
      throw new IllegalArgumentException(
          "no journal marks for map " + map + "; have " + next.keySet());
    }
    return seqs;
  }
}
