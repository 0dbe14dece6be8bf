package io.gridshift.workflows.hazelcast.bluegreen;

import java.util.List;

/**
 * What draining did and how the maps compare after it.
 *
 * @param catchUp the drain (lag 0)
 * @param checks per map: both sides' counts now, every key compared (before the pause, and again
 *     for the partitions that moved), the partitions that differ now
 */
public record Drained(CatchUp catchUp, List<MapCheck> checks) {
  public Drained {
    checks = checks == null ? List.of() : List.copyOf(checks);
  }
}
