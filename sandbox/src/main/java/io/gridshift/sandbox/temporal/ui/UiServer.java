package io.gridshift.sandbox.temporal.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Temporal UI server, what {@code temporal server start-dev} gives on port 8233: on
 * {@code 127.0.0.1:<port>}, one origin for
 *
 * <ul>
 *   <li>{@code /api/v1/settings}: the UI server's own settings ({@link UiSettings});
 *   <li>{@code /api/v1/...}: Temporal's HTTP API over the sandbox's gRPC frontend ({@link
 *       ApiGateway});
 *   <li>{@code /render}: markdown as a page, for the UI's current details ({@link MarkdownPage});
 *   <li>everything else: the UI's static build ({@link StaticAssets}), index.html for the app's own
 *       routes.
 * </ul>
 *
 * CSRF as the UI server ({@link CsrfGuard}). Requests run on a pool of threads, so a slow call (a
 * history long poll, at most {@link ApiGateway#LONG_POLL}) holds only its own.
 *
 * <p>It calls the Temporal frontend it is given in plain text: in the sandbox that is the test
 * server's own loopback port, inside the same process, also when clients must use (mutual) TLS
 * through the TLS front; the UI server is part of the sandbox, as the Go UI server is part of
 * {@code temporal server start-dev}.
 */
public final class UiServer implements AutoCloseable {
  /** The port {@code temporal server start-dev} serves its UI on. */
  public static final int DEFAULT_PORT = 8233;

  /** The {@code @temporalio/ui} version reported in settings when the build does not say. */
  static final String UI_VERSION = "2.38.0";

  private static final Logger log = LoggerFactory.getLogger(UiServer.class);
  private static final String API = "/api/v1";

  private final HttpServer http;
  private final ManagedChannel channel;
  private final ExecutorService threads;
  private final ApiGateway api;
  private final StaticAssets assets;
  private final MarkdownPage markdown;
  private volatile UiSettings settings;

  private UiServer(
      HttpServer http,
      ManagedChannel channel,
      ExecutorService threads,
      UiSettings settings,
      Duration longPoll) {
    this.http = http;
    this.channel = channel;
    this.threads = threads;
    this.api = new ApiGateway(channel, longPoll);
    this.assets = new StaticAssets(UiServer.class.getClassLoader());
    this.markdown = new MarkdownPage(UiServer.class.getClassLoader());
    this.settings = settings;
  }

  /**
   * Starts the UI server.
   *
   * @param port the port on 127.0.0.1, 0 for any free one
   * @param temporalTarget the plain-text gRPC frontend, {@code host:port}
   * @param codecEndpoint the remote payload codec's base URL the UI should use, or empty
   */
  public static UiServer start(int port, String temporalTarget, String codecEndpoint)
      throws IOException {
    return start(port, temporalTarget, codecEndpoint, ApiGateway.LONG_POLL);
  }

  /** As {@link #start(int, String, String)}, with history long polls cut at {@code longPoll}. */
  static UiServer start(int port, String temporalTarget, String codecEndpoint, Duration longPoll)
      throws IOException {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
    } catch (IOException e) {
      throw new IOException(
          "could not start the Temporal UI server on 127.0.0.1:"
              + port
              + " (is the port taken? pass another, or 0 for any free one)",
          e);
    }
    ManagedChannel channel = NettyChannelBuilder.forTarget(temporalTarget).usePlaintext().build();
    ThreadPoolExecutor threads =
        new ThreadPoolExecutor(
            2,
            64,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "temporal-ui-server");
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    UiServer server =
        new UiServer(http, channel, threads, new UiSettings(codecEndpoint, UI_VERSION), longPoll);
    http.createContext("/", server::serve);
    http.setExecutor(threads);
    http.start();
    log.info(
        "Temporal UI server on {} for Temporal {} ({}{})",
        server.address(),
        temporalTarget,
        server.assets.present() ? "with the UI build" : "API only: no UI build on the class path",
        codecEndpoint == null || codecEndpoint.isEmpty() ? "" : ", codec " + codecEndpoint);
    return server;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String address() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /**
   * From now on, tells the UI to decode and encode payloads through the remote codec at {@code
   * endpoint} (for a codec that starts after the UI server, e.g. on a port of its own).
   */
  public void useCodec(String endpoint) {
    settings = new UiSettings(endpoint, settings.uiVersion());
    log.info("Temporal UI server: payload codec {}", endpoint);
  }

  /** The codec endpoint the settings report; empty when none. */
  public String codecEndpoint() {
    return settings.codecEndpoint() == null ? "" : settings.codecEndpoint();
  }

  /** Whether the UI's static build is on the class path (else only the API is served). */
  public boolean hasUiBuild() {
    return assets.present();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpAnswer answer;
      try {
        answer = answer(exchange);
      } catch (RuntimeException e) {
        log.warn(
            "UI server: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        answer =
            HttpAnswer.json(500, "{\"code\": 13, \"message\": \"" + jsonText(e.toString()) + "\"}");
      }
      send(exchange, answer);
    }
  }

  private HttpAnswer answer(HttpExchange exchange) throws IOException {
    String verb = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    String cookie = exchange.getRequestHeaders().getFirst("Cookie");
    if (CsrfGuard.token(cookie).isEmpty()) {
      exchange.getResponseHeaders().add("Set-Cookie", CsrfGuard.newCookie());
    }
    Optional<CsrfGuard.Refusal> refusal =
        CsrfGuard.check(
            verb,
            cookie,
            exchange.getRequestHeaders().getFirst(CsrfGuard.HEADER),
            exchange.getRequestHeaders().getFirst("Authorization"));
    if (refusal.isPresent()) {
      return HttpAnswer.json(
          refusal.get().status(), "{\"message\": \"" + jsonText(refusal.get().message()) + "\"}");
    }
    if (rawPath.equals(API) || rawPath.startsWith(API + "/")) {
      List<String> path = segments(rawPath);
      if (verb.equals("GET") && path.equals(List.of("api", "v1", "settings"))) {
        return HttpAnswer.json(200, settings.json());
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      return api.handle(verb, path, exchange.getRequestURI().getRawQuery(), body);
    }
    if (!verb.equals("GET") && !verb.equals("HEAD")) {
      return HttpAnswer.json(405, "{\"message\": \"Method Not Allowed\"}");
    }
    if (rawPath.equals("/render")) {
      return markdown.render(exchange.getRequestURI().getRawQuery());
    }
    return assets.get(URLDecoder.decode(rawPath.substring(1), StandardCharsets.UTF_8));
  }

  /** The decoded path segments: a workflow id with '/' arrives as %2F and stays one segment. */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static void send(HttpExchange exchange, HttpAnswer answer) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    for (Map.Entry<String, String> h : answer.headers().entrySet()) {
      exchange.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  private static String jsonText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Override
  public void close() {
    http.stop(0);
    channel.shutdownNow();
    threads.shutdownNow();
    log.info("Temporal UI server on port {} stopped", port());
  }
}
