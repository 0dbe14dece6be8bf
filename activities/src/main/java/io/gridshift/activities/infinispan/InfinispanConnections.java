package io.gridshift.activities.infinispan;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import java.net.http.HttpClient;
import java.time.Duration;
import org.infinispan.client.hotrod.RemoteCache;

/**
 * How one cluster's Infinispan grids are reached, the Infinispan part of {@link ClusterAccess}:
 * endpoints resolved to addresses and credentials at call time ({@link KubernetesGridConnector}),
 * REST admin clients sharing one HTTP client and the digest sessions, and Hot Rod clients kept per
 * address ({@link HotRodClients}). Passwords stay in memory and never reach logs, results or
 * heartbeats. Closed with the access: it owns the Hot Rod clients.
 */
public final class InfinispanConnections implements AutoCloseable {
  private final KubernetesGridConnector connector;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final RestClient.Sessions sessions = new RestClient.Sessions();
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
    return new InfinispanRest(new RestClient(http, sessions, grid));
  }

  /** {@code cache} of {@code grid} over Hot Rod, as raw bytes ({@link HotRodClients#raw}). */
  RemoteCache<byte[], byte[]> hotRod(GridAddress grid, String cache, String storageMediaType) {
    return hotRod.raw(grid, cache, storageMediaType);
  }

  /** Closes the Hot Rod clients. */
  @Override
  public void close() {
    hotRod.close();
  }
}
