package io.gridshift.sandbox.temporal.ui;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The UI server's CSRF protection (echo's CSRF middleware as the UI server configures it): every
 * answer to a request without the {@code _csrf} cookie sets one (path /, SameSite=Strict, readable
 * by the page, not Secure since the sandbox serves plain HTTP on loopback); a request that changes
 * something (not GET, HEAD, OPTIONS, TRACE) must echo the cookie in {@code X-CSRF-Token}, which the
 * UI does, unless it carries an Authorization header. Missing: 400; not the cookie's: 403.
 */
final class CsrfGuard {
  static final String COOKIE = "_csrf";
  static final String HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Why a request is refused: the HTTP status and the message echo writes. */
  record Refusal(int status, String message) {}

  private CsrfGuard() {}

  /** The cookie's value in a {@code Cookie} header, if any. */
  static Optional<String> token(String cookieHeader) {
    if (cookieHeader == null) {
      return Optional.empty();
    }
    for (String part : cookieHeader.split(";")) {
      String p = part.trim();
      if (p.startsWith(COOKIE + "=")) {
        return Optional.of(p.substring(COOKIE.length() + 1));
      }
    }
    return Optional.empty();
  }

  /** The refusal for this request, or empty when it may go on. */
  static Optional<Refusal> check(
      String verb, String cookieHeader, String tokenHeader, String authorization) {
    if (SAFE.contains(verb) || (authorization != null && !authorization.isEmpty())) {
      return Optional.empty();
    }
    if (tokenHeader == null || tokenHeader.isEmpty()) {
      return Optional.of(new Refusal(400, "missing csrf token in request header"));
    }
    Optional<String> cookie = token(cookieHeader);
    if (cookie.isEmpty() || !cookie.get().equals(tokenHeader)) {
      return Optional.of(new Refusal(403, "invalid csrf token"));
    }
    return Optional.empty();
  }

  /** A {@code Set-Cookie} value with a new token. */
  static String newCookie() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return COOKIE + "=" + token + "; Path=/; Max-Age=86400; SameSite=Strict";
  }
}
