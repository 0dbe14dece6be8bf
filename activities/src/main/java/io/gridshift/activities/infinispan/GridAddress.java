package io.gridshift.activities.infinispan;

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
 */
public record GridAddress(
    String name, String host, int port, String username, String password, String secret) {

  /** An address without credentials. */
  public static GridAddress anonymous(String name, String host, int port) {
    return new GridAddress(name, host, port, null, null, null);
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

  @Override
  public String toString() {
    return "GridAddress["
        + describe()
        + (hasCredentials() ? ", user " + username + " from Secret " + secret : ", no auth")
        + "]";
  }
}
