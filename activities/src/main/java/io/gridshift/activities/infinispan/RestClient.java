package io.gridshift.activities.infinispan;

import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests to one grid's REST admin API with digest authentication. The last challenge per
 * grid and user is reused (with a growing nonce count) so most calls take one round trip; a stale
 * nonce costs one retry. A 401 with fresh credentials is a non-retryable failure naming the Secret;
 * connection errors are retryable. Other statuses are returned for the caller to interpret.
 */
public final class RestClient {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Digest sessions shared by every client of one activities instance. */
  static final class Sessions {
    private record Session(DigestAuth.Challenge challenge, AtomicInteger nc) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  }

  private final HttpClient http;
  private final Sessions sessions;
  private final GridAddress grid;

  RestClient(HttpClient http, Sessions sessions, GridAddress grid) {
    this.http = http;
    this.sessions = sessions;
    this.grid = grid;
  }

  /** A standalone client (own HTTP client and digest state), e.g. for tests and the sandbox. */
  public RestClient(GridAddress grid) {
    this(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        new Sessions(),
        grid);
  }

  public GridAddress grid() {
    return grid;
  }

  /** URL-encodes one path segment (a cache, schema or task name). */
  public static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public RestResponse get(String path) {
    return send("GET", path, null, null, null, DEFAULT_TIMEOUT);
  }

  public RestResponse head(String path) {
    return send("HEAD", path, null, null, null, DEFAULT_TIMEOUT);
  }

  public RestResponse delete(String path) {
    return send("DELETE", path, null, null, null, DEFAULT_TIMEOUT);
  }

  /** Sends and waits; failures surface as {@link io.temporal.failure.ApplicationFailure}. */
  public RestResponse send(
      String method,
      String path,
      String contentType,
      String body,
      String accept,
      Duration timeout) {
    try {
      return sendAsync(method, path, contentType, body, accept, timeout).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Sends asynchronously (for calls that run for minutes while the activity heartbeats).
   *
   * @param path path and query, already encoded
   * @param contentType of {@code body}, or null
   * @param body request body, or null
   * @param accept Accept header, or null
   * @param timeout how long the whole exchange may take, or null for no limit (a sync-data call)
   */
  public CompletableFuture<RestResponse> sendAsync(
      String method,
      String path,
      String contentType,
      String body,
      String accept,
      Duration timeout) {
    HttpRequest.Builder template =
        HttpRequest.newBuilder(URI.create("http://" + grid.authority() + path));
    if (timeout != null) {
      template.timeout(timeout);
    }
    template.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      template.header("Content-Type", contentType);
    }
    if (accept != null) {
      template.header("Accept", accept);
    }
    String key = grid.authority() + "|" + grid.username();
    Sessions.Session cached = grid.hasCredentials() ? sessions.sessions.get(key) : null;
    return exchange(template, method, path, cached)
        .thenCompose(
            response -> {
              if (response.statusCode() != 401) {
                return CompletableFuture.completedFuture(response);
              }
              Sessions.Session fresh = newSession(response);
              sessions.sessions.put(key, fresh);
              return exchange(template, method, path, fresh);
            })
        .handle((response, error) -> result(method, path, response, error));
  }

  private CompletableFuture<HttpResponse<String>> exchange(
      HttpRequest.Builder template, String method, String path, Sessions.Session session) {
    HttpRequest.Builder request = template.copy();
    if (session != null) {
      String cnonce = UUID.randomUUID().toString().replace("-", "");
      request.header(
          "Authorization",
          DigestAuth.authorization(
              session.challenge(),
              grid.username(),
              grid.password(),
              method,
              path,
              session.nc().incrementAndGet(),
              cnonce));
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Sessions.Session newSession(HttpResponse<String> unauthorized) {
    if (!grid.hasCredentials()) {
      throw new CompletionException(
          Failures.nonRetryable(
              "grid "
                  + grid.describe()
                  + " requires authentication but its endpoint names no credentialsSecret: set"
                  + " credentialsSecret to a Secret with keys 'username' and 'password'",
              FailureTypes.INVALID_REQUEST));
    }
    DigestAuth.Challenge challenge =
        DigestAuth.parse(unauthorized.headers().allValues("WWW-Authenticate"));
    if (challenge == null) {
      throw new CompletionException(
          Failures.nonRetryable(
              "grid "
                  + grid.describe()
                  + " asks for an authentication gridshift does not support ("
                  + unauthorized.headers().allValues("WWW-Authenticate")
                  + "): enable DIGEST on its REST endpoint",
              FailureTypes.INVALID_REQUEST));
    }
    return new Sessions.Session(challenge, new AtomicInteger());
  }

  private RestResponse result(
      String method, String path, HttpResponse<String> response, Throwable error) {
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      if (!(cause instanceof IOException)) {
        // A failure built above, a cancellation: pass it on unchanged.
        throw cause instanceof RuntimeException r
            ? new CompletionException(r)
            : new CompletionException(cause);
      }
      throw new CompletionException(
          Failures.retryable(
              method
                  + " "
                  + path
                  + " to grid "
                  + grid.describe()
                  + " failed: "
                  + describe(cause)
                  + " (will retry)",
              FailureTypes.GRID_UNREACHABLE,
              cause));
    }
    if (response.statusCode() == 401) {
      throw new CompletionException(
          Failures.nonRetryable(
              "grid "
                  + grid.describe()
                  + " rejected the credentials of user '"
                  + grid.username()
                  + "' from Secret "
                  + grid.secret()
                  + " (HTTP 401): fix the Secret's username/password",
              FailureTypes.INVALID_REQUEST));
    }
    String body = response.body() == null ? "" : response.body();
    return new RestResponse(response.statusCode(), body);
  }

  private static String describe(Throwable cause) {
    String type = cause.getClass().getSimpleName();
    return cause.getMessage() == null ? type : type + ": " + cause.getMessage();
  }
}
