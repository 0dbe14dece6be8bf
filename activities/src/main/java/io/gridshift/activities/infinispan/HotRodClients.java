package io.gridshift.activities.infinispan;

import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.client.hotrod.DataFormat;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.client.hotrod.exceptions.HotRodClientException;
import org.infinispan.client.hotrod.exceptions.TransportException;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.commons.marshall.IdentityMarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hot Rod client per grid address, kept open across activities and closed with the activities.
 * Caches are opened in raw form: keys and values are the bytes the server stores, in the cache's
 * own media type, so no entity classes or schemas are needed and source and target bytes compare
 * directly.
 */
final class HotRodClients implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HotRodClients.class);

  /** Entries per round trip when iterating keys. */
  static final int ITERATION_BATCH = 1000;

  private final Map<GridAddress, RemoteCacheManager> managers = new ConcurrentHashMap<>();

  /**
   * The cache as raw bytes in {@code storageMediaType} (what {@code value_storage} reports).
   *
   * @throws ApplicationFailure {@code CacheNotFound} when the grid has no such cache
   */
  RemoteCache<byte[], byte[]> raw(GridAddress grid, String cache, String storageMediaType) {
    RemoteCache<byte[], byte[]> remote;
    try {
      remote = manager(grid).getCache(cache);
    } catch (RuntimeException e) {
      // Do not keep a client that failed (wrong password, server gone): the next attempt starts
      // with a fresh one.
      RemoteCacheManager failed = managers.remove(grid);
      if (failed != null) {
        failed.close();
      }
      throw failure(grid, "opening cache '" + cache + "' over Hot Rod", e);
    }
    if (remote == null) {
      throw grid.cacheNotFound(cache, "Hot Rod does not know it");
    }
    MediaType type = MediaType.fromString(storageMediaType);
    return remote.withDataFormat(
        DataFormat.builder()
            .keyType(type)
            .valueType(type)
            .keyMarshaller(IdentityMarshaller.INSTANCE)
            .valueMarshaller(IdentityMarshaller.INSTANCE)
            .build());
  }

  private RemoteCacheManager manager(GridAddress grid) {
    return managers.computeIfAbsent(grid, HotRodClients::connect);
  }

  private static RemoteCacheManager connect(GridAddress grid) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    // BASIC: gridshift reaches the servers through a Service address, not pod addresses.
    builder.addServer().host(grid.host()).port(grid.port());
    builder.clientIntelligence(ClientIntelligence.BASIC);
    builder.connectionTimeout(5_000).socketTimeout(60_000).maxRetries(3);
    builder.batchSize(ITERATION_BATCH);
    if (grid.hasCredentials()) {
      builder
          .security()
          .authentication()
          .enable()
          .saslMechanism("DIGEST-MD5")
          .serverName("infinispan")
          .realm(RemoteStoreJson.SOURCE_REALM)
          .username(grid.username())
          .password(grid.password());
    }
    if (grid.trust() != null) {
      // Identity is checked by the trust's own manager (Service names or the address), so the
      // client's SNI-based host name validation stays off; SNI names the Service as the Operator's
      // certificates do.
      builder
          .security()
          .ssl()
          .enable()
          .sslContext(grid.trust().sslContext(grid))
          .sniHostName(GridTrust.sniName(grid.name()))
          .hostnameValidation(false);
    }
    LOG.debug("opening Hot Rod client to {}", grid);
    return new RemoteCacheManager(builder.build());
  }

  /** Maps a Hot Rod error: rejected credentials are final, transport problems are retried. */
  static ApplicationFailure failure(GridAddress grid, String doing, RuntimeException e) {
    if (e instanceof ApplicationFailure failure) {
      return failure;
    }
    if (grid.trust() != null && GridTrust.isUntrusted(e)) {
      return GridTrust.untrusted(grid, doing, e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("Invalid credentials") || message.contains("ELY05055")) {
      return Failures.nonRetryable(
          doing
              + ": grid "
              + grid.describe()
              + " rejected the credentials of user '"
              + grid.username()
              + "' from Secret "
              + grid.secret()
              + ": fix the Secret's username/password",
          FailureTypes.INVALID_REQUEST);
    }
    String type =
        e instanceof TransportException || !(e instanceof HotRodClientException)
            ? FailureTypes.GRID_UNREACHABLE
            : FailureTypes.INFINISPAN_SERVER_ERROR;
    return Failures.retryable(
        doing + " on grid " + grid.describe() + " failed: " + message + " (will retry)", type, e);
  }

  @Override
  public void close() {
    managers.forEach(
        (grid, manager) -> {
          try {
            manager.close();
          } catch (Exception e) {
            LOG.warn("closing the Hot Rod client of {} failed: {}", grid, e.toString());
          }
        });
    managers.clear();
  }
}
