package io.gridshift.activities.infinispan;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.client.hotrod.RemoteCache;

/**
 * How one cluster's Infinispan grids are reached, the Infinispan part of {@link ClusterAccess}:
 * endpoints resolved to addresses, credentials and TLS trust at call time ({@link
 * KubernetesGridConnector}), and REST admin clients ({@link RestClient}) and Hot Rod clients
 * ({@link HotRodClients}) kept per address, so connections and digest sessions are reused. An
 * address includes its password and CAs: a rotated Secret gets new clients. Passwords stay in
 * memory and never reach logs, results or heartbeats. Closed with the access: it owns the clients.
 */
public final class InfinispanConnections implements AutoCloseable {
  private final KubernetesGridConnector connector;
  private final Map<GridAddress, RestClient> restClients = new ConcurrentHashMap<>();
  private final HotRodClients hotRod = new HotRodClients();

  /** Built by {@link ClusterAccess}; grids are resolved through {@code kubernetes}. */
  public InfinispanConnections(KubernetesClient kubernetes) {
    this.connector = new KubernetesGridConnector(kubernetes);
  }

  /** The grid's address and credentials, read now. */
  GridAddress resolve(GridEndpoint endpoint) {
    return connector.resolve(endpoint);
  }

  /** The REST admin API of the grid at {@code endpoint}, resolved now. */
  InfinispanRest rest(GridEndpoint endpoint) {
    return rest(resolve(endpoint));
  }

  /** The REST admin API of the grid at {@code grid}. */
  InfinispanRest rest(GridAddress grid) {
    return new InfinispanRest(restClients.computeIfAbsent(grid, RestClient::new));
  }

  /** {@code cache} of {@code grid} over Hot Rod, as raw bytes ({@link HotRodClients#raw}). */
  RemoteCache<byte[], byte[]> hotRod(GridAddress grid, String cache, String storageMediaType) {
    return hotRod.raw(grid, cache, storageMediaType);
  }

  /** Closes the REST and Hot Rod clients. */
  @Override
  public void close() {
    restClients.values().forEach(RestClient::close);
    restClients.clear();
    hotRod.close();
  }
}
