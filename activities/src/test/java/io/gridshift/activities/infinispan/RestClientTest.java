package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The digest flow of the Infinispan REST client library, as gridshift configures it, against a tiny
 * server that checks responses the way RFC 2617 says (the real Infinispan server is exercised by
 * the sandbox ITs): challenge, answer, rejection, and how failures are reported.
 */
class RestClientTest {
  private static final String REALM = "default";
  private static final String NONCE = "bm9uY2U=";

  private HttpServer server;
  private final AtomicInteger challenges = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void answersTheDigestChallengeOfEveryRequest() {
    RestClient client = new RestClient(grid("admin", "s3cret"));

    RestResponse first = client.get("/rest/v2/caches?x=1");
    RestResponse second =
        client.send(
            "POST",
            "/rest/v2/caches/a%20b",
            "text/plain",
            "body",
            null,
            RestClient.DEFAULT_TIMEOUT);

    assertThat(first).isEqualTo(new RestResponse(200, "GET /rest/v2/caches?x=1"));
    assertThat(second).isEqualTo(new RestResponse(200, "POST /rest/v2/caches/a%20b body"));
    // The library answers a challenge per request (the hand-written client reused the nonce):
    // one extra round trip per admin call, none that matters for sync-data (one long call).
    assertThat(challenges.get()).isBetween(1, 2);
    assertThat(accepted).hasValue(2);
  }

  @Test
  void wrongPasswordIsNonRetryableAndNamesTheSecretNotThePassword() {
    RestClient client = new RestClient(grid("admin", "wrong-one"));

    assertThatThrownBy(() -> client.get("/rest/v2/caches"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("rejected the credentials of user 'admin' from Secret ns/creds")
                  .doesNotContain("wrong-one");
            });
  }

  @Test
  void missingCredentialsAndUnreachableServersFailClearly() throws IOException {
    RestClient anonymous = new RestClient(GridAddress.anonymous("ns/dg", "127.0.0.1", port()));
    assertThatThrownBy(() -> anonymous.get("/rest/v2/caches"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getOriginalMessage()).contains("requires authentication"));

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    RestClient unreachable = new RestClient(GridAddress.anonymous("ns/gone", "127.0.0.1", closed));
    assertThatThrownBy(() -> unreachable.get("/rest/v2/caches"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(FailureTypes.GRID_UNREACHABLE);
              assertThat(f.getOriginalMessage()).contains("GET /rest/v2/caches to grid ns/gone");
            });
  }

  private GridAddress grid(String user, String password) {
    return new GridAddress("ns/dg", "127.0.0.1", port(), user, password, "ns/creds");
  }

  private int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String uri =
        exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + exchange.getRequestURI().getRawQuery());
    if (authorization == null || !valid(authorization, exchange.getRequestMethod(), uri)) {
      challenges.incrementAndGet();
      exchange
          .getResponseHeaders()
          .add(
              "WWW-Authenticate",
              "Digest realm=\"" + REALM + "\", nonce=\"" + NONCE + "\", algorithm=MD5, qop=auth");
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
      return;
    }
    accepted.incrementAndGet();
    byte[] answer =
        (exchange.getRequestMethod() + " " + uri + (body.isEmpty() ? "" : " " + body))
            .getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  /** Recomputes the response with the server's password, as a server does (RFC 2617, MD5). */
  private static boolean valid(String authorization, String method, String uri) {
    Map<String, String> p = params(authorization.substring("Digest ".length()));
    if (!uri.equals(p.get("uri")) || !NONCE.equals(p.get("nonce"))) {
      return false;
    }
    String ha1 = md5(p.get("username") + ":" + REALM + ":s3cret");
    String ha2 = md5(method + ":" + uri);
    String expected =
        md5(
            ha1
                + ":"
                + NONCE
                + ":"
                + p.get("nc")
                + ":"
                + p.get("cnonce")
                + ":"
                + p.get("qop")
                + ":"
                + ha2);
    return expected.equals(p.get("response"));
  }

  private static Map<String, String> params(String header) {
    Map<String, String> params = new HashMap<>();
    Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))").matcher(header);
    while (m.find()) {
      params.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return params;
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
