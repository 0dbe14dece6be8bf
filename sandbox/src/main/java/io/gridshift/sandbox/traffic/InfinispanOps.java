package io.gridshift.sandbox.traffic;

import java.time.Duration;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hot Rod client to one address, the grid's client Service, as an application outside the cluster
 * would run it: {@link ClientIntelligence#BASIC} (pod addresses are not reachable from outside, so
 * no topology-aware routing), short connect and socket timeouts, and client retries, so a
 * connection a leaving pod drops is retried against the Service address, which by then routes to a
 * pod still serving. String keys and values with the cache's default marshalling, as the demo loads
 * its unencoded caches.
 */
public final class InfinispanOps implements GridOps {
  private static final Logger LOG = LoggerFactory.getLogger(InfinispanOps.class);

  /** Connect and socket timeout: a dead connection fails fast and is retried. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Hot Rod retries per operation on another (here: the same Service) connection. */
  public static final int MAX_RETRIES = 5;

  private final String description;
  private final RemoteCacheManager manager;
  private final RemoteCache<String, String> cache;

  /** A client without credentials. */
  public InfinispanOps(String host, int port, String cacheName) {
    this(host, port, cacheName, null, null);
  }

  /**
   * A client authenticating with DIGEST-MD5 in realm {@code default} when {@code username} is not
   * null.
   *
   * @throws IllegalArgumentException when the grid has no cache {@code cacheName}
   */
  public InfinispanOps(String host, int port, String cacheName, String username, String password) {
    this.description =
        "Infinispan Hot Rod " + host + ":" + port + " cache " + cacheName + " (BASIC)";
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder.addServer().host(host).port(port);
    builder.clientIntelligence(ClientIntelligence.BASIC);
    builder
        .connectionTimeout((int) TIMEOUT.toMillis())
        .socketTimeout((int) TIMEOUT.toMillis())
        .maxRetries(MAX_RETRIES);
    if (username != null) {
      builder
          .security()
          .authentication()
          .enable()
          .saslMechanism("DIGEST-MD5")
          .serverName("infinispan")
          .realm("default")
          .username(username)
          .password(password);
    }
    this.manager = new RemoteCacheManager(builder.build());
    RemoteCache<String, String> remote;
    try {
      remote = manager.getCache(cacheName);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    if (remote == null) {
      manager.close();
      throw new IllegalArgumentException(
          "grid at "
              + host
              + ":"
              + port
              + " has no cache '"
              + cacheName
              + "': create it before starting the traffic probe");
    }
    this.cache = remote;
    LOG.debug("opened {}", description);
  }

  @Override
  public void put(String key, String value) {
    cache.put(key, value);
  }

  @Override
  public String get(String key) {
    return cache.get(key);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    manager.close();
  }
}
