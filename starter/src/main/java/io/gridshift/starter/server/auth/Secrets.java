package io.gridshift.starter.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Compares a presented password or token with the configured one, which is one of:
 *
 * <ul>
 *   <li>{@code bcrypt:$2a$12$...} (or the bare {@code $2a$}/{@code $2b$}/{@code $2y$} form): a
 *       salted, slow hash, what {@code ./gridshift hash-password} prints. Required for passwords
 *       unless plain text is allowed: people reuse passwords, and a config file that leaks must not
 *       give them up.
 *   <li>{@code sha256:<64 hex digits>}: for bearer tokens only. A token is random and long (256
 *       bits from {@code openssl rand -hex 32}), so no dictionary or GPU can walk back from its
 *       hash and a fast hash is enough; a password, chosen by a person, is not.
 *   <li>plain text, only where {@code auth.allowPlainTextSecrets: true} (sandboxes and tests).
 * </ul>
 *
 * Comparisons take the same time wherever the first difference is, so timing leaks nothing.
 */
public final class Secrets {
  static final String SHA256_PREFIX = "sha256:";
  static final String BCRYPT_PREFIX = "bcrypt:";

  /** Cost factor of new hashes: 2^12 rounds, about 0.2 s per check on one core here. */
  static final int BCRYPT_COST = 12;

  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  /** Compared against when no user has the presented name, so that the answer takes as long. */
  private static final class Decoy {
    static final String HASH = BCrypt.hashpw("decoy", BCrypt.gensalt(BCRYPT_COST));
  }

  /** How a configured secret is stored. */
  enum Form {
    PLAIN,
    SHA256,
    BCRYPT;

    static Form of(String configured) {
      if (configured.startsWith(SHA256_PREFIX)) {
        return SHA256;
      }
      return configured.startsWith(BCRYPT_PREFIX) || configured.startsWith("$2") ? BCRYPT : PLAIN;
    }
  }

  private Secrets() {}

  /** Whether {@code presented} matches {@code configured}. */
  static boolean matches(String configured, String presented) {
    if (configured == null || presented == null) {
      return false;
    }
    return switch (Form.of(configured)) {
      case SHA256 -> {
        byte[] expected = hexOrNull(configured.substring(SHA256_PREFIX.length()));
        yield expected != null && MessageDigest.isEqual(expected, sha256(presented));
      }
      case BCRYPT -> checkBcrypt(presented, bcryptHash(configured));
      // Hash both sides so that the comparison does not stop at the first differing length.
      case PLAIN -> MessageDigest.isEqual(sha256(configured), sha256(presented));
    };
  }

  /** Spends the time of one bcrypt check, for a name that matched no user. */
  static void spendBcryptTime(String presented) {
    checkBcrypt(presented == null ? "" : presented, Decoy.HASH);
  }

  /** A new salted bcrypt hash of {@code password}, in the config's form {@code bcrypt:$2a$...}. */
  public static String bcrypt(String password) {
    if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
      throw new IllegalArgumentException(
          "the password is longer than 72 bytes, which bcrypt cannot hash: choose a shorter one");
    }
    return BCRYPT_PREFIX + BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST));
  }

  /**
   * A problem with a configured password or token, or null.
   *
   * @param token whether it is a bearer token (which may be {@code sha256:})
   * @param allowPlainText whether plain text is allowed ({@code auth.allowPlainTextSecrets})
   */
  static String problem(String configured, boolean token, boolean allowPlainText) {
    if (configured == null || configured.isBlank()) {
      return "is empty (is its environment variable set and non-empty?)";
    }
    return switch (Form.of(configured)) {
      case BCRYPT ->
          BCRYPT.matcher(bcryptHash(configured)).matches()
              ? null
              : "looks like a bcrypt hash but is not one ($2a$, $2b$ or $2y$, two cost digits, '$',"
                  + " 53 characters): make it again with ./gridshift hash-password";
      case SHA256 -> sha256Problem(configured, token);
      case PLAIN ->
          allowPlainText
              ? null
              : "is plain text, which a leaked config gives away: "
                  + (token ? TOKEN_HOW : PASSWORD_HOW)
                  + " (only a sandbox may set auth.allowPlainTextSecrets: true instead)";
    };
  }

  static final String PASSWORD_HOW =
      "put its bcrypt hash there instead, as printed by"
          + " `printf %s 'the-password' | ./gridshift hash-password` (bcrypt:$2a$12$...)";

  static final String TOKEN_HOW =
      "put sha256:<hex> there instead, as printed by `printf %s \"$TOKEN\" | sha256sum`, or a bcrypt"
          + " hash from ./gridshift hash-password";

  private static String sha256Problem(String configured, boolean token) {
    if (!token) {
      return "is an unsalted sha256: hash, which a leaked config gives up to a dictionary in"
          + " minutes: "
          + PASSWORD_HOW;
    }
    return hexOrNull(configured.substring(SHA256_PREFIX.length())) == null
        ? "starts with sha256: but is not followed by 64 hex digits"
        : null;
  }

  private static String bcryptHash(String configured) {
    return configured.startsWith(BCRYPT_PREFIX)
        ? configured.substring(BCRYPT_PREFIX.length()).trim()
        : configured.trim();
  }

  private static boolean checkBcrypt(String presented, String hash) {
    try {
      // BCrypt compares the hashes with MessageDigest.isEqual: constant time.
      return BCrypt.checkpw(presented, hash);
    } catch (IllegalArgumentException e) {
      // A malformed hash (refused at start) or a password over bcrypt's 72 bytes: no match.
      return false;
    }
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
