package io.gridshift.demo.bench;

import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A grid of real Infinispan servers for the benchmark: {@code nodes} servers on consecutive
 * loopback addresses, one JGroups cluster of its own, no authentication.
 */
final class SyncGrid implements AutoCloseable {
  static final int PORT = 11222;
  private static final Logger LOG = LoggerFactory.getLogger(SyncGrid.class);
  private static final int JGROUPS_PORT = 7800;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final String version;
  private final List<InfinispanServer> servers;

  private SyncGrid(String version, List<InfinispanServer> servers) {
    this.version = version;
    this.servers = servers;
  }

  /**
   * Starts the servers {@code <prefix>.<first>}, {@code <prefix>.<first+1>}, ... under {@code
   * dir/<cluster>-N} and waits until they are ready and see each other.
   */
  static SyncGrid start(
      String version, Path dir, String prefix, int first, int nodes, String cluster)
      throws IOException, InterruptedException {
    List<String> addresses = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      addresses.add(prefix + "." + (first + i));
      hosts.add(addresses.get(i) + "[" + JGROUPS_PORT + "]");
    }
    List<InfinispanServer> servers = new ArrayList<>();
    SyncGrid grid = new SyncGrid(version, servers);
    try {
      for (int i = 0; i < nodes; i++) {
        servers.add(
            InfinispanServer.start(
                new InfinispanServerSpec(
                    version,
                    dir.resolve(cluster + "-" + i),
                    addresses.get(i),
                    PORT,
                    cluster,
                    hosts,
                    JGROUPS_PORT,
                    null,
                    Map.of(),
                    Map.of())));
      }
      grid.awaitFormed(nodes);
      return grid;
    } catch (IOException | InterruptedException | RuntimeException e) {
      grid.close();
      throw e;
    }
  }

  private void awaitFormed(int nodes) throws InterruptedException {
    for (InfinispanServer server : servers) {
      if (!server.awaitReady(READY_TIMEOUT)) {
        throw new IllegalStateException(
            server + " did not become ready within " + READY_TIMEOUT + "; see " + server.logFile());
      }
    }
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (rest(0).clusterSize() < nodes || rest(nodes - 1).clusterSize() < nodes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the " + nodes + " servers of " + this + " did not form one cluster; see their logs");
      }
      Thread.sleep(200);
    }
    LOG.info("{} formed: {} members", this, nodes);
  }

  /** REST of server {@code index}. */
  SyncRest rest(int index) {
    InfinispanServer server = servers.get(index);
    return new SyncRest(server.bindAddress(), server.port(), version);
  }

  String host(int index) {
    return servers.get(index).bindAddress();
  }

  List<String> hosts() {
    return servers.stream().map(InfinispanServer::bindAddress).toList();
  }

  /** CPU seconds all servers of the grid have used so far. */
  double cpuSeconds() {
    return servers.stream().mapToDouble(s -> SyncMachine.cpuSeconds(s.pid())).sum();
  }

  /** Stops every server (SIGTERM, then SIGKILL after 20 s), all at once. */
  @Override
  public void close() {
    List<Thread> stopping = new ArrayList<>();
    for (InfinispanServer server : servers) {
      Thread t = new Thread(() -> server.stop(Duration.ofSeconds(20)), "stop-" + server);
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "Infinispan " + version + " grid " + hosts();
  }
}
