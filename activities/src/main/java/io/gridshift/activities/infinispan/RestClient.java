package io.gridshift.activities.infinispan;

import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.infinispan.client.rest.RestEntity;
import org.infinispan.client.rest.RestRawClient;
import org.infinispan.client.rest.configuration.RestClientConfigurationBuilder;
import org.infinispan.commons.dataconversion.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one grid's REST admin API through the Infinispan REST client library ({@code
 * infinispan-client-rest}): digest authentication when the grid has credentials, TLS when it has a
 * trust ({@link GridTrust}). The library keeps one JDK HTTP client per grid; this class maps its
 * answers to gridshift's failures: a 401 with credentials is non-retryable and names the Secret, a
 * certificate the grid's CA does not sign (or that names other hosts) is non-retryable and names
 * the trust Secret, other connection errors (TLS handshakes cut short included) are retryable.
 * Other statuses are returned for the caller to interpret.
 *
 * <p>Two library clients per grid: one whose requests time out after {@link #DEFAULT_TIMEOUT} (the
 * library applies one socket timeout to every request) and one without a practical limit for {@code
 * sync-data}, which answers only when every entry is copied.
 */
public final class RestClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestClient.class);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** "No limit" for calls that run as long as the server works (the heartbeat guards them). */
  private static final Duration UNLIMITED = Duration.ofDays(30);

  private final GridAddress grid;
  private final org.infinispan.client.rest.RestClient bounded;
  private final org.infinispan.client.rest.RestClient unbounded;

  /** A client for {@code grid} (own HTTP connections); close it when done. */
  public RestClient(GridAddress grid) {
    this.grid = grid;
    this.bounded = library(grid, DEFAULT_TIMEOUT);
    this.unbounded = library(grid, UNLIMITED);
  }

  private static org.infinispan.client.rest.RestClient library(GridAddress grid, Duration timeout) {
    RestClientConfigurationBuilder builder = new RestClientConfigurationBuilder();
    builder.addServer().host(grid.host()).port(grid.port());
    builder.connectionTimeout(5_000).socketTimeout(timeout.toMillis()).pingOnCreate(false);
    if (grid.hasCredentials()) {
      builder
          .security()
          .authentication()
          .enable()
          .mechanism("DIGEST")
          .username(grid.username())
          .password(grid.password());
    }
    if (grid.trust() != null) {
      builder
          .security()
          .ssl()
          .enable()
          .sslContext(grid.trust().sslContext(grid))
          .trustManagers(grid.trust().trustManagers(grid));
    }
    return org.infinispan.client.rest.RestClient.forConfiguration(builder.build());
  }

  public GridAddress grid() {
    return grid;
  }

  /**
   * One of the library's typed calls, e.g. {@code c -> c.cache(name).synchronizeData(...)}, with
   * its answer and failures mapped like {@link #sendAsync}.
   *
   * @param what the call in failure messages, e.g. {@code sync-data of cache 'a'}
   * @param limited false for a call that runs as long as the server works (no timeout)
   */
  CompletableFuture<RestResponse> call(
      String what,
      boolean limited,
      Function<
              org.infinispan.client.rest.RestClient,
              CompletionStage<org.infinispan.client.rest.RestResponse>>
          call) {
    return call.apply(limited ? bounded : unbounded)
        .toCompletableFuture()
        .handle((response, error) -> result(what, response, error));
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
   * @param timeout null for no limit (a sync-data call), else {@link #DEFAULT_TIMEOUT}
   */
  public CompletableFuture<RestResponse> sendAsync(
      String method,
      String path,
      String contentType,
      String body,
      String accept,
      Duration timeout) {
    RestRawClient raw = (timeout == null ? unbounded : bounded).raw();
    Map<String, String> headers = new HashMap<>();
    if (accept != null) {
      headers.put("Accept", accept);
    }
    RestEntity entity =
        body == null
            ? RestEntity.empty()
            : RestEntity.create(
                MediaType.fromString(contentType == null ? "text/plain" : contentType), body);
    var call =
        switch (method) {
          case "GET" -> raw.get(path, headers);
          case "HEAD" -> raw.head(path, headers);
          case "DELETE" -> raw.delete(path, headers);
          case "POST" -> raw.post(path, headers, entity);
          case "PUT" -> raw.put(path, headers, entity);
          default -> throw new IllegalArgumentException("unsupported HTTP method " + method);
        };
    return call.toCompletableFuture()
        .handle((response, error) -> result(method + " " + path, response, error));
  }

  /** The library's answer as a {@link RestResponse}, or the failure gridshift reports. */
  private RestResponse result(
      String what, org.infinispan.client.rest.RestResponse response, Throwable error) {
    if (error != null) {
      throw new CompletionException(failure(what, error));
    }
    try (response) {
      if (response.status() == 401) {
        throw new CompletionException(unauthorized());
      }
      String body = response.body();
      return new RestResponse(response.status(), body == null ? "" : body);
    }
  }

  /** Maps a transport error: TLS trust problems are final, other I/O problems are retried. */
  private RuntimeException failure(String doing, Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (GridTrust.isUntrusted(cause)) {
      return GridTrust.untrusted(grid, doing, cause);
    }
    if (!(cause instanceof IOException)) {
      return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }
    LOG.debug("{} to {} failed", doing, grid, cause);
    // Not final: a handshake cut short is also what a restarting server does. The hint names the
    // setting that is wrong when it persists.
    String hint =
        cause instanceof SSLException
            ? grid.trust() == null
                ? "; if the grid speaks TLS, set tlsSecret"
                : "; if the grid does not speak TLS on this port, remove tlsSecret"
            : "";
    return Failures.retryable(
        doing
            + " to grid "
            + grid.describe()
            + " failed: "
            + describe(cause)
            + hint
            + " (will retry)",
        FailureTypes.GRID_UNREACHABLE,
        cause);
  }

  private RuntimeException unauthorized() {
    if (!grid.hasCredentials()) {
      return Failures.nonRetryable(
          "grid "
              + grid.describe()
              + " requires authentication but its endpoint names no credentialsSecret: set"
              + " credentialsSecret to a Secret with keys 'username' and 'password'",
          FailureTypes.INVALID_REQUEST);
    }
    return Failures.nonRetryable(
        "grid "
            + grid.describe()
            + " rejected the credentials of user '"
            + grid.username()
            + "' from Secret "
            + grid.secret()
            + " (HTTP 401): fix the Secret's username/password",
        FailureTypes.INVALID_REQUEST);
  }

  private static String describe(Throwable cause) {
    String type = cause.getClass().getSimpleName();
    return cause.getMessage() == null ? type : type + ": " + cause.getMessage();
  }

  /** Closes both library clients (their HTTP clients and threads). */
  @Override
  public void close() {
    for (var client : new org.infinispan.client.rest.RestClient[] {bounded, unbounded}) {
      try {
        client.close();
      } catch (Exception e) {
        LOG.debug("closing the REST client of {} failed: {}", grid, e.toString());
      }
    }
  }
}
