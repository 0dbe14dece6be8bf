package io.gridshift.activities.infinispan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP digest authentication (RFC 2617 / RFC 7616, qop {@code auth}, MD5 or SHA-256, plain or
 * {@code -sess}), which {@code java.net.http.HttpClient} lacks and the Infinispan server's
 * properties realm requires. Pure functions: a parsed challenge in, an {@code Authorization} header
 * out.
 */
final class DigestAuth {
  private DigestAuth() {}

  /**
   * A server's digest challenge.
   *
   * @param realm protection space, also part of the password hash
   * @param nonce server nonce
   * @param opaque echoed back unchanged, or null
   * @param qop {@code auth} when the server offers it, else null (RFC 2069 compatibility)
   * @param algorithm MD5, MD5-sess, SHA-256 or SHA-256-sess
   */
  record Challenge(String realm, String nonce, String opaque, String qop, String algorithm) {}

  /** The first supported digest challenge among {@code WWW-Authenticate} values, or null. */
  static Challenge parse(List<String> wwwAuthenticate) {
    for (String header : wwwAuthenticate) {
      if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
        continue;
      }
      Map<String, String> p = params(header.substring(7));
      String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
      if (p.get("nonce") == null || hashName(algorithm) == null) {
        continue;
      }
      String qop = p.get("qop");
      boolean auth =
          qop != null && List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
      return new Challenge(
          p.getOrDefault("realm", ""),
          p.get("nonce"),
          p.get("opaque"),
          auth ? "auth" : null,
          algorithm);
    }
    return null;
  }

  /**
   * The {@code Authorization} header answering {@code challenge} for one request.
   *
   * @param uri the request target exactly as sent: path and query
   * @param nc how many times this nonce has been used, from 1
   * @param cnonce a fresh client nonce
   */
  static String authorization(
      Challenge challenge,
      String username,
      String password,
      String method,
      String uri,
      int nc,
      String cnonce) {
    String algorithm = challenge.algorithm();
    String ncValue = String.format("%08x", nc);
    String ha1 = hash(algorithm, username + ":" + challenge.realm() + ":" + password);
    if (algorithm.endsWith("-SESS")) {
      ha1 = hash(algorithm, ha1 + ":" + challenge.nonce() + ":" + cnonce);
    }
    String ha2 = hash(algorithm, method + ":" + uri);
    String response =
        challenge.qop() == null
            ? hash(algorithm, ha1 + ":" + challenge.nonce() + ":" + ha2)
            : hash(
                algorithm,
                ha1 + ":" + challenge.nonce() + ":" + ncValue + ":" + cnonce + ":auth:" + ha2);
    StringBuilder header = new StringBuilder("Digest ");
    header.append("username=\"").append(quote(username)).append('"');
    header.append(", realm=\"").append(quote(challenge.realm())).append('"');
    header.append(", nonce=\"").append(quote(challenge.nonce())).append('"');
    header.append(", uri=\"").append(quote(uri)).append('"');
    header.append(", algorithm=").append(algorithm);
    header.append(", response=\"").append(response).append('"');
    if (challenge.qop() != null) {
      header.append(", qop=auth, nc=").append(ncValue);
      header.append(", cnonce=\"").append(quote(cnonce)).append('"');
    }
    if (challenge.opaque() != null) {
      header.append(", opaque=\"").append(quote(challenge.opaque())).append('"');
    }
    return header.toString();
  }

  /** Parses {@code key=token, key="quoted, \"value\""} lists. */
  static Map<String, String> params(String s) {
    Map<String, String> params = new HashMap<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
        i++;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      i = eq + 1;
      if (i < s.length() && s.charAt(i) == '"') {
        for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          value.append(s.charAt(i));
        }
        i++;
      } else {
        for (; i < s.length() && s.charAt(i) != ','; i++) {
          value.append(s.charAt(i));
        }
      }
      params.put(key, value.toString().strip());
    }
    return params;
  }

  private static String hash(String algorithm, String value) {
    try {
      MessageDigest digest = MessageDigest.getInstance(hashName(algorithm));
      return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks " + algorithm, e);
    }
  }

  private static String hashName(String algorithm) {
    return switch (algorithm) {
      case "MD5", "MD5-SESS" -> "MD5";
      case "SHA-256", "SHA-256-SESS" -> "SHA-256";
      default -> null;
    };
  }

  private static String quote(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
