package io.gridshift.workflows.hazelcast.bluegreen;

import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import java.util.List;

/**
 * Which maps move from which cluster to which: the input every data step of a blue-green upgrade
 * shares.
 *
 * @param source the cluster clients use now
 * @param target the new cluster beside it
 * @param maps the maps to move, by name; every one needs an event journal on the source
 */
public record MapMove(HazelcastEndpoint source, HazelcastEndpoint target, List<String> maps) {
  public MapMove {
    maps = maps == null ? List.of() : List.copyOf(maps);
  }
}
