package io.gridshift.activities.infinispan;

import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * Where one grid's servers answer, resolved at call time from a {@code GridEndpoint}. The password
 * never appears in {@link #toString()}, so an address can be logged.
 *
 * @param name what to call the grid in messages, {@code namespace/service}
 * @param host IP address or DNS name of the Service
 * @param port single-endpoint port (Hot Rod and REST)
 * @param username digest user, or null for no authentication
 * @param password digest password, or null for no authentication
 * @param secret {@code namespace/secret} the credentials came from, or null
 * @param trust the CAs to trust when the grid speaks TLS, or null for plain connections
 */
public record GridAddress(
    String name,
    String host,
    int port,
    String username,
    String password,
    String secret,
    GridTrust trust) {

  /** A plain (no TLS) address. */
  public GridAddress(
      String name, String host, int port, String username, String password, String secret) {
    this(name, host, port, username, password, secret, null);
  }

  /** An address without credentials. */
  public static GridAddress anonymous(String name, String host, int port) {
    return new GridAddress(name, host, port, null, null, null, null);
  }

  /** This address, connecting over TLS with {@code trust}. */
  public GridAddress withTrust(GridTrust trust) {
    return new GridAddress(name, host, port, username, password, secret, trust);
  }

  /** Whether requests to this grid authenticate. */
  public boolean hasCredentials() {
    return username != null;
  }

  /** {@code host:port}. */
  public String authority() {
    return host + ":" + port;
  }

  /** {@code namespace/service (host:port)}, for messages. */
  public String describe() {
    return name + " (" + authority() + ")";
  }

  /** Non-retryable {@link FailureTypes#CACHE_NOT_FOUND}: {@code cache} is not on this grid. */
  ApplicationFailure cacheNotFound(String cache, String what) {
    return Failures.nonRetryable(
        "cache '" + cache + "' does not exist on grid " + describe() + ": " + what,
        FailureTypes.CACHE_NOT_FOUND);
  }

  /** A response the caller did not expect: 5xx retryable, anything else a request problem. */
  ApplicationFailure unexpected(String action, RestResponse response) {
    String message =
        action
            + " on grid "
            + describe()
            + " failed with HTTP "
            + response.status()
            + ": "
            + response.shortBody();
    return response.status() >= 500
        ? Failures.retryable(message + " (will retry)", FailureTypes.INFINISPAN_SERVER_ERROR, null)
        : Failures.nonRetryable(message, FailureTypes.INVALID_REQUEST);
  }

  @Override
  public String toString() {
    return "GridAddress["
        + describe()
        + (hasCredentials() ? ", user " + username + " from Secret " + secret : ", no auth")
        + (trust == null ? ", plain" : ", TLS trusting Secret " + trust.secret())
        + "]";
  }
}
