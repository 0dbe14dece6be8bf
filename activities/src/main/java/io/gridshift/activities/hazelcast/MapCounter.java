package io.gridshift.activities.hazelcast;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the entries of every map with a Hazelcast Java client that lives for one count ({@link
 * HazelcastMembers#withClient}). Internal maps ({@code __} prefix, e.g. Jet's and SQL's) are left
 * out: they are not user data and come and go with versions.
 */
final class MapCounter {
  private static final Logger LOG = LoggerFactory.getLogger(MapCounter.class);

  private final HazelcastMembers members;

  MapCounter(HazelcastMembers members) {
    this.members = members;
  }

  /**
   * @param clusterName the members' cluster name (the client is refused otherwise)
   * @param addresses members as host:port (their TLS endpoints with {@code tls})
   * @param tls the members' TLS, or empty for plain text
   * @param describe what the members are, for messages
   */
  Map<String, Long> count(
      String clusterName, List<String> addresses, Optional<MemberTls> tls, String describe) {
    return members.withClient(
        clusterName, addresses, tls, describe, client -> sizes(client, describe));
  }

  private static Map<String, Long> sizes(HazelcastInstance client, String describe) {
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
