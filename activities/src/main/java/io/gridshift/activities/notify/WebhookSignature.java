package io.gridshift.activities.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies so that a receiver can tell gridshift's notifications from forgeries and
 * replays, with a key both sides hold (the worker from a file, usually a mounted Secret).
 *
 * <ol>
 *   <li>{@value #TIMESTAMP_HEADER}: the Unix time of the attempt, in seconds.
 *   <li>{@value #SIGNATURE_HEADER}: {@code v1=} and the lowercase hex of HMAC-SHA256 over the
 *       timestamp, a dot, and the body's exact bytes, keyed with the key file's content (UTF-8,
 *       surrounding whitespace removed).
 *   <li>A receiver recomputes it, compares in constant time, and refuses timestamps more than a few
 *       minutes from its clock, so a captured request cannot be replayed later.
 * </ol>
 *
 * <p>The file is read at every notification, so a rotated Secret is used without a restart.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "X-Gridshift-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Gridshift-Signature";

  /** The shortest key accepted: 256 bits of hex ({@code openssl rand -hex 32}) is 64 bytes. */
  static final int MIN_KEY_BYTES = 32;

  private final Path keyFile;

  public WebhookSignature(Path keyFile) {
    this.keyFile = keyFile;
  }

  /** What is wrong with {@code keyFile} as a signing key, or null when it is usable. */
  public static String problem(Path keyFile) {
    try {
      int length = read(keyFile).length;
      return length < MIN_KEY_BYTES
          ? "holds "
              + length
              + " bytes; a signing key needs at least "
              + MIN_KEY_BYTES
              + " (make one with: openssl rand -hex 32 > FILE)"
          : null;
    } catch (IOException e) {
      return "cannot be read (" + e + "): is the Secret mounted there?";
    }
  }

  /** The key, read from the file now. */
  byte[] key() throws IOException {
    return read(keyFile);
  }

  /** The key file, for messages. */
  Path keyFile() {
    return keyFile;
  }

  /** The value of {@value #SIGNATURE_HEADER} for {@code body} sent at {@code timestamp}. */
  static String sign(byte[] key, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  private static byte[] read(Path keyFile) throws IOException {
    return Files.readString(keyFile, StandardCharsets.UTF_8)
        .strip()
        .getBytes(StandardCharsets.UTF_8);
  }
}
