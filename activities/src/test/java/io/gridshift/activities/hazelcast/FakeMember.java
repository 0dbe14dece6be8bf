package io.gridshift.activities.hazelcast;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A member's REST endpoint with canned answers shaped like Hazelcast 5.3's (measured): health,
 * cluster members with UUIDs and versions, cluster version. Answers can change while a test runs. A
 * member sees only itself until told whom it sees ({@link #sees}).
 */
final class FakeMember implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger healthCalls = new AtomicInteger();
  private volatile boolean safe = true;
  private volatile int migrations;
  private volatile int clusterSize;
  private volatile String version;
  private final String uuid;
  private volatile List<String> seen;

  FakeMember(String ip, int port, int clusterSize, String version) {
    this.clusterSize = clusterSize;
    this.version = version;
    this.uuid = "uuid-" + ip;
    this.seen = List.of(uuid);
    try {
      server = HttpServer.create(new InetSocketAddress(ip, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hazelcast/health", this::health);
    server.createContext("/hazelcast/rest/cluster", this::cluster);
    server.createContext(
        "/hazelcast/rest/management/cluster/version",
        x -> answer(x, "{\"status\":\"success\",\"version\":\"5.3\"}"));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  int healthCalls() {
    return healthCalls.get();
  }

  void state(boolean safe, int migrations, int clusterSize) {
    this.safe = safe;
    this.migrations = migrations;
    this.clusterSize = clusterSize;
  }

  void version(String version) {
    this.version = version;
  }

  String uuid() {
    return uuid;
  }

  /** The member UUIDs it reports seeing on /hazelcast/rest/cluster (its own added). */
  void sees(List<String> uuids) {
    List<String> all = new ArrayList<>(uuids);
    if (!all.contains(uuid)) {
      all.add(uuid);
    }
    this.seen = List.copyOf(all);
  }

  private void health(HttpExchange exchange) throws IOException {
    healthCalls.incrementAndGet();
    answer(
        exchange,
        "{\"nodeState\":\"ACTIVE\",\"clusterState\":\"ACTIVE\",\"clusterSafe\":%s,\"migrationQueueSize\":%d,\"clusterSize\":%d}"
            .formatted(safe, migrations, clusterSize));
  }

  private void cluster(HttpExchange exchange) throws IOException {
    String host = server.getAddress().getAddress().getHostAddress();
    List<String> entries = new ArrayList<>();
    for (String other : seen) {
      if (!other.equals(uuid)) {
        // Another member's entry, with another version: the probe must read the local one.
        entries.add(
            ("{\"address\":\"[10.9.9.9]:5701\",\"liteMember\":false,\"localMember\":false,"
                    + "\"uuid\":\"%s\",\"memberVersion\":\"9.9.9\"}")
                .formatted(other));
      }
    }
    entries.add(
        ("{\"address\":\"[%s]:%d\",\"liteMember\":false,\"localMember\":true,"
                + "\"uuid\":\"%s\",\"memberVersion\":\"%s\"}")
            .formatted(host, port(), uuid, version));
    answer(
        exchange,
        "{\"members\":[%s],\"connectionCount\":0,\"allConnectionCount\":1}"
            .formatted(String.join(",", entries)));
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
