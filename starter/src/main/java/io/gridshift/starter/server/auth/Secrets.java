package io.gridshift.starter.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Compares a presented password or token with the configured one: plain text, or {@code
 * sha256:<hex>}. Comparisons take the same time whatever matches, so timing does not leak secrets.
 */
final class Secrets {
  static final String SHA256_PREFIX = "sha256:";

  private Secrets() {}

  /** Whether {@code presented} matches {@code configured}. */
  static boolean matches(String configured, String presented) {
    if (configured == null || presented == null) {
      return false;
    }
    if (configured.startsWith(SHA256_PREFIX)) {
      byte[] expected = hexOrNull(configured.substring(SHA256_PREFIX.length()));
      return expected != null && MessageDigest.isEqual(expected, sha256(presented));
    }
    // Hash both sides so that the comparison does not stop at the first differing length.
    return MessageDigest.isEqual(sha256(configured), sha256(presented));
  }

  /** A problem with a configured secret, or null: blank, or a malformed hash. */
  static String problem(String configured) {
    if (configured == null || configured.isBlank()) {
      return "is empty";
    }
    if (configured.startsWith(SHA256_PREFIX)
        && hexOrNull(configured.substring(SHA256_PREFIX.length())) == null) {
      return "starts with sha256: but is not followed by 64 hex digits";
    }
    return null;
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static byte[] hexOrNull(String hex) {
    String h = hex.trim().toLowerCase(Locale.ROOT);
    if (h.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(h);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
