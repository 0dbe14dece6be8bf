package io.gridshift.worker.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The worker's and agent's HTTP endpoint for Kubernetes probes and Prometheus (the JDK's server):
 *
 * <ul>
 *   <li>{@code /healthz}: 200 while the process runs;
 *   <li>{@code /readyz}: 200 when {@link Readiness} finds everything answering, else 503 with the
 *       one-line reason;
 *   <li>{@code /metrics}: every metric in the Prometheus text format.
 * </ul>
 */
public final class ObservabilityServer implements AutoCloseable {
  /** The Prometheus text format's content type. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String host;

  private ObservabilityServer(HttpServer server, ExecutorService executor, String host) {
    this.server = server;
    this.executor = executor;
    this.host = host;
  }

  /**
   * Serves on {@code bindHost:port} (port 0: any free port, see {@link #port()}).
   *
   * @param ready null when ready, else why not
   * @param metrics the Prometheus text
   */
  public static ObservabilityServer start(
      String bindHost, int port, Supplier<String> ready, Supplier<String> metrics)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bindHost, port), 0);
    // Two threads: a slow readiness check does not hold up a scrape.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "gridshift-observability");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> answer(exchange, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        exchange -> {
          String problem = ready.get();
          answer(
              exchange,
              problem == null ? 200 : 503,
              "text/plain",
              (problem == null ? "ready" : "not ready: " + problem) + "\n");
        });
    server.createContext(
        "/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
    server.start();
    return new ObservabilityServer(server, executor, bindHost);
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
        status = 404;
        body = "not found\n";
        type = "text/plain";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** The port it listens on (the bound one when asked for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where Prometheus scrapes, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public String metricsUrl() {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    return "http://"
        + (shown.contains(":") ? "[" + shown + "]" : shown)
        + ":"
        + port()
        + "/metrics";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
