package io.gridshift.demo.traffic;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.client.config.ClientNetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hazelcast Java client to one address, the grid's client Service, as an application outside the
 * cluster would run it: smart routing off (unisocket; member addresses are not reachable from
 * outside), redo-operation on (an operation cut by a member's shutdown is sent again, reads and
 * writes alike: the probe's writes are idempotent), and reconnection that keeps trying for {@link
 * #DEFAULT_RECONNECT} so a member restart behind the Service is ridden over.
 */
public final class HazelcastOps implements GridOps {
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastOps.class);

  /** How long the client keeps trying to reach the cluster before it gives up. */
  public static final Duration DEFAULT_RECONNECT = Duration.ofMinutes(2);

  /** How long one operation may take, redos included, before it fails. */
  public static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(30);

  private final String description;
  private final ClientConfigSource configs;
  private volatile HazelcastInstance client;
  private volatile IMap<String, String> map;

  /** A fresh client configuration each time: a Hazelcast instance name is used only once. */
  private interface ClientConfigSource {
    ClientConfig next();
  }

  /** A client to {@code address} ({@code host:port}) with the default reconnect budget. */
  public HazelcastOps(String address, String clusterName, String mapName) {
    this(address, clusterName, mapName, DEFAULT_RECONNECT);
  }

  /**
   * A client to {@code address} ({@code host:port}) of cluster {@code clusterName}, on map {@code
   * mapName}, retrying the connection for up to {@code reconnect}. Connects before returning.
   */
  public HazelcastOps(String address, String clusterName, String mapName, Duration reconnect) {
    this.description =
        "Hazelcast client "
            + address
            + " cluster "
            + clusterName
            + " map "
            + mapName
            + " (unisocket)";
    this.configs = () -> config(address, clusterName, reconnect);
    this.client = HazelcastClient.newHazelcastClient(configs.next());
    this.map = client.getMap(mapName);
    LOG.debug("opened {}", description);
  }

  /**
   * A new client through the Service, as an application does after a traffic switch: a unisocket
   * client keeps its one connection, opened before the switch, to a member of the old cluster (a
   * blue-green source stays up until delete-source), so without this its writes after the switch
   * would land on the source and be lost with it.
   */
  @Override
  public void reconnect() {
    HazelcastInstance old = client;
    HazelcastInstance fresh = HazelcastClient.newHazelcastClient(configs.next());
    map = fresh.getMap(map.getName());
    client = fresh;
    old.shutdown();
    LOG.debug("reconnected {}", description);
  }

  static ClientConfig config(String address, String clusterName, Duration reconnect) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setInstanceName("gridshift-traffic-" + UUID.randomUUID().toString().substring(0, 8));
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty(
        "hazelcast.client.invocation.timeout.seconds",
        String.valueOf(INVOCATION_TIMEOUT.toSeconds()));
    config.getMetricsConfig().setEnabled(false);
    ClientNetworkConfig network = config.getNetworkConfig();
    network.addAddress(address);
    network.setSmartRouting(false);
    network.setRedoOperation(true);
    network.setConnectionTimeout(2_000);
    config.getConnectionStrategyConfig().setReconnectMode(ReconnectMode.ON);
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(reconnect.toMillis())
        .setInitialBackoffMillis(100)
        .setMaxBackoffMillis(1_000)
        .setJitter(0.2);
    return config;
  }

  @Override
  public void put(String key, String value) {
    map.set(key, value);
  }

  @Override
  public String get(String key) {
    return map.get(key);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
