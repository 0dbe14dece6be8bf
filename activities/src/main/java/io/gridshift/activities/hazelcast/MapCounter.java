package io.gridshift.activities.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the entries of every map with a Hazelcast Java client that lives for one count: a client
 * kept between activities would hold connections to members the upgrade is about to replace.
 * Internal maps ({@code __} prefix, e.g. Jet's and SQL's) are left out: they are not user data and
 * come and go with versions.
 */
final class MapCounter {
  private static final Logger LOG = LoggerFactory.getLogger(MapCounter.class);

  private final Duration connectTimeout;

  MapCounter(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * @param clusterName the members' cluster name (the client is refused otherwise)
   * @param addresses members as host:port
   * @param describe what the members are, for messages
   */
  Map<String, Long> count(String clusterName, List<String> addresses, String describe) {
    HazelcastInstance client;
    try {
      client = HazelcastClient.newHazelcastClient(config(clusterName, addresses));
    } catch (IllegalStateException e) {
      throw Failures.retryable(
          "%s: a Hazelcast client found no member of cluster '%s' at %s within %d s (%s); check the"
              + " members run and the cluster name (HZ_CLUSTERNAME or cluster-name) matches"
                  .formatted(
                      describe, clusterName, addresses, connectTimeout.toSeconds(), e.getMessage()),
          FailureTypes.MEMBERS_UNREACHABLE,
          e);
    }
    try {
      Map<String, Long> sizes = new TreeMap<>();
      for (DistributedObject object : client.getDistributedObjects()) {
        if (object instanceof IMap<?, ?> map && !map.getName().startsWith("__")) {
          sizes.put(map.getName(), (long) map.size());
        }
      }
      LOG.info("{}: map sizes {}", describe, sizes);
      return sizes;
    } finally {
      client.shutdown();
    }
  }

  private ClientConfig config(String clusterName, List<String> addresses) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setInstanceName("gridshift-map-sizes-" + UUID.randomUUID());
    config.setProperty("hazelcast.logging.type", "slf4j");
    // One connection through whichever member answers is enough for a count, and survives
    // members the client cannot reach directly.
    config.getNetworkConfig().setSmartRouting(false);
    config.getNetworkConfig().setAddresses(addresses);
    config.getNetworkConfig().setConnectionTimeout((int) connectTimeout.toMillis());
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(connectTimeout.toMillis());
    return config;
  }
}
