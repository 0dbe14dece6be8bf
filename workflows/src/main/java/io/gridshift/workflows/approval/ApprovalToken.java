package io.gridshift.workflows.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The wire form of an approval token, {@code v1.<kid>.<claims>.<signature>}:
 *
 * <ol>
 *   <li>{@code v1}: the format version;
 *   <li>{@code kid}: the id of the key that signed it ({@link ApprovalKeys});
 *   <li>{@code claims}: base64url (no padding) of the {@link ApprovalClaims} as JSON;
 *   <li>{@code signature}: base64url (no padding) of HMAC-SHA256(key, {@code "v1.<kid>.<claims>"}).
 * </ol>
 *
 * The signature covers the version, the key id and the claims exactly as sent, so the verifier
 * never re-encodes anything and reads the claims only once the signature matched.
 *
 * @param kid the signing key's id
 * @param claims the claims segment as sent (base64url JSON)
 * @param signature the signature segment as sent (base64url)
 */
public record ApprovalToken(String kid, String claims, String signature) {
  /** The format version, the token's first segment. */
  public static final String VERSION = "v1";

  /** Longest token read; a real one is about 400 characters. */
  public static final int MAX_LENGTH = 2_048;

  private static final String HMAC = "HmacSHA256";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** Signs {@code claims} with {@code key} under {@code kid}; returns the token's text. */
  static String sign(ApprovalClaims claims, String kid, byte[] key) {
    String body;
    try {
      body = encode(JSON.writeValueAsBytes(claims));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write approval claims", e);
    }
    String signed = VERSION + "." + kid + "." + body;
    return signed + "." + encode(hmac(key, signed));
  }

  /**
   * Splits {@code text} into its segments; throws IllegalArgumentException saying what is wrong
   * with it. Checks the form only, not the signature.
   */
  static ApprovalToken parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the approval token is " + text.length() + " characters, longer than " + MAX_LENGTH);
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "the approval token is malformed: expected v1.<key id>.<claims>.<signature>");
    }
    return new ApprovalToken(parts[1], parts[2], parts[3]);
  }

  /** Whether the signature is HMAC-SHA256 of the signed part under {@code key} (constant time). */
  boolean signedWith(byte[] key) {
    byte[] expected = hmac(key, VERSION + "." + kid + "." + claims);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  /** The claims; call only after {@link #signedWith} held. Throws IllegalArgumentException. */
  ApprovalClaims readClaims() {
    try {
      return JSON.readValue(Base64.getUrlDecoder().decode(claims), ApprovalClaims.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the approval token's claims cannot be read");
    }
  }

  private static byte[] hmac(byte[] key, String signed) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
