package io.gridshift.demo.traffic;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.infinispan.client.hotrod.DataFormat;
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
 *
 * <p>Connections have a maximum age ({@link #CONNECTION_MAX_AGE}): Hot Rod pools connections
 * forever, and a Service switch only routes <em>new</em> connections (established ones stay on the
 * old pods, as conntrack keeps them), so a client that never reconnects keeps writing to the source
 * after traffic moved, and those writes miss the target. Like a connection pool's max lifetime in
 * other clients, the client is replaced with a fresh one (new connections through the Service) once
 * it is that old; the old one closes after its operations finish.
 */
public final class InfinispanOps implements GridOps {
  private static final Logger LOG = LoggerFactory.getLogger(InfinispanOps.class);

  /** Connect and socket timeout: a dead connection fails fast and is retried. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Hot Rod retries per operation on another (here: the same Service) connection. */
  public static final int MAX_RETRIES = 5;

  /** How long a client's connections live before a fresh client replaces them. */
  public static final Duration CONNECTION_MAX_AGE = Duration.ofSeconds(2);

  private static final long RETIRED_CLOSE_DELAY_MS = 5_000;

  private final String description;
  private final Supplier<Client> opener;
  private final ScheduledExecutorService closer;
  private volatile Client current;

  /** One Hot Rod client and when it was opened. */
  private record Client(RemoteCacheManager manager, RemoteCache<String, String> cache, long born) {}

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
    this(host, port, cacheName, username, password, null, null);
  }

  /**
   * As above, over TLS when {@code ssl} is given: that context decides which certificates are
   * trusted (and checks their names), {@code sniHostName} is sent as SNI.
   */
  public InfinispanOps(
      String host,
      int port,
      String cacheName,
      String username,
      String password,
      SSLContext ssl,
      String sniHostName) {
    this(host, port, cacheName, username, password, ssl, sniHostName, null);
  }

  /**
   * As above, reading and writing in {@code format} when given (e.g. JSON values for a
   * protostream-encoded cache, which the server converts), else with the default marshalling.
   */
  public InfinispanOps(
      String host,
      int port,
      String cacheName,
      String username,
      String password,
      SSLContext ssl,
      String sniHostName,
      DataFormat format) {
    this.description =
        "Infinispan Hot Rod "
            + host
            + ":"
            + port
            + " cache "
            + cacheName
            + " (BASIC"
            + (ssl == null ? "" : ", TLS")
            + ")";
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
    if (ssl != null) {
      // The context's trust manager checks the certificate's names itself.
      builder
          .security()
          .ssl()
          .enable()
          .sslContext(ssl)
          .sniHostName(sniHostName)
          .hostnameValidation(false);
    }
    var configuration = builder.build();
    this.opener = () -> open(configuration, host, port, cacheName, format);
    this.current = opener.get();
    this.closer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "infinispan-ops-closer");
              t.setDaemon(true);
              return t;
            });
    LOG.debug("opened {}", description);
  }

  private static Client open(
      org.infinispan.client.hotrod.configuration.Configuration configuration,
      String host,
      int port,
      String cacheName,
      DataFormat format) {
    RemoteCacheManager manager = new RemoteCacheManager(configuration);
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
    return new Client(
        manager, format == null ? remote : remote.withDataFormat(format), System.nanoTime());
  }

  /** The current client, replaced first when its connections reached their maximum age. */
  private RemoteCache<String, String> cache() {
    Client client = current;
    if (System.nanoTime() - client.born() < CONNECTION_MAX_AGE.toNanos()) {
      return client.cache();
    }
    synchronized (this) {
      if (current == client) {
        current = opener.get();
        closer.schedule(
            () -> client.manager().close(), RETIRED_CLOSE_DELAY_MS, TimeUnit.MILLISECONDS);
      }
      return current.cache();
    }
  }

  @Override
  public void reconnect() {
    synchronized (this) {
      Client old = current;
      current = opener.get();
      closer.schedule(() -> old.manager().close(), RETIRED_CLOSE_DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void put(String key, String value) {
    cache().put(key, value);
  }

  @Override
  public String get(String key) {
    return cache().get(key);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    closer.shutdownNow().forEach(Runnable::run); // close the retired clients not closed yet
    current.manager().close();
  }
}
