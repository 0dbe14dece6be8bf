package io.gridshift.activities.hazelcast;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the entries of every map through a Hazelcast Java client that lives for one count ({@link
 * HazelcastMembers#withClient(io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint,
 * java.util.function.BiFunction)}). Internal maps ({@code __} prefix, e.g. Jet's and SQL's) are
 * left out: they are not user data and come and go with versions.
 */
final class MapCounter {
  private static final Logger LOG = LoggerFactory.getLogger(MapCounter.class);

  private MapCounter() {}

  /** Every user map's entry count, through {@code client}; {@code describe} names the members. */
  static Map<String, Long> sizes(HazelcastInstance client, String describe) {
    Map<String, Long> sizes = new TreeMap<>();
    for (DistributedObject object : client.getDistributedObjects()) {
      if (object instanceof IMap<?, ?> map && !map.getName().startsWith("__")) {
        sizes.put(map.getName(), (long) map.size());
      }
    }
    LOG.info("{}: map sizes {}", describe, sizes);
    return sizes;
  }
}
