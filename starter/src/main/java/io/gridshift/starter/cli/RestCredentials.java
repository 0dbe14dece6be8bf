package io.gridshift.starter.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code Authorization} header the CLI sends to the REST service, from the environment: {@code
 * GRIDSHIFT_TOKEN} (a bearer token) wins over {@code GRIDSHIFT_USER} + {@code GRIDSHIFT_PASSWORD}
 * (HTTP Basic). Credentials come only from the environment so they stay out of shell history.
 *
 * @param header the header value, or null to send none
 * @param source which variables it came from, for error messages
 */
record RestCredentials(String header, String source) {
  static final String TOKEN = "GRIDSHIFT_TOKEN";
  static final String USER = "GRIDSHIFT_USER";
  static final String PASSWORD = "GRIDSHIFT_PASSWORD";

  /** Reads the credentials from {@code env}. */
  static RestCredentials from(Map<String, String> env) {
    String token = blankToNull(env.get(TOKEN));
    if (token != null) {
      return new RestCredentials("Bearer " + token, TOKEN);
    }
    String user = blankToNull(env.get(USER));
    if (user != null) {
      String pair = user + ":" + (env.get(PASSWORD) == null ? "" : env.get(PASSWORD));
      String basic = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      return new RestCredentials("Basic " + basic, USER + " (" + user + ") and " + PASSWORD);
    }
    return new RestCredentials(null, null);
  }

  /** What a person should do after a 401. */
  String advice() {
    String how =
        "set "
            + TOKEN
            + "=<token>, or "
            + USER
            + " and "
            + PASSWORD
            + ", to a user of the server's config";
    return source == null
        ? "no credentials were sent; " + how
        : "the credentials from " + source + " were refused; " + how;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
