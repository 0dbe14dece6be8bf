package io.gridshift.workflows.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM, so Temporal's history holds no grid data in clear.
 *
 * <ol>
 *   <li>Encode: the whole original payload (its metadata and data, as the {@code Payload} protobuf)
 *       is the plaintext, so decode restores it exactly, encoding included.
 *   <li>A fresh random 12-byte nonce per payload; the encoded data is nonce + ciphertext + 16-byte
 *       tag. The key id is the associated data, so a payload cannot be relabelled to another key.
 *   <li>The result's metadata says {@code encoding: binary/encrypted} and {@code encryption-key-id:
 *       <id>}: decode picks the key by id, so older keys decrypt older payloads after a rotation.
 *   <li>Decode leaves payloads that are not {@code binary/encrypted} unchanged: histories written
 *       before encryption was turned on still read.
 *   <li>A payload whose tag does not verify (altered, or another key under the same id), or whose
 *       key this process lacks, fails with a {@link PayloadCodecException} naming the key id.
 * </ol>
 */
public final class EncryptingPayloadCodec implements PayloadCodec {
  /** The {@code encoding} of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";

  /** Metadata key naming the key that encrypted the payload. */
  public static final String KEY_ID = "encryption-key-id";

  /** Metadata key naming the cipher, for whoever reads a history without gridshift. */
  public static final String CIPHER = "encryption-cipher";

  static final String ENCODING_KEY = "encoding";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final String CIPHER_NAME = "AES-256-GCM";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

  private final PayloadKeyRing keys;
  private final SecureRandom random = new SecureRandom();

  public EncryptingPayloadCodec(PayloadKeyRing keys) {
    this.keys = keys;
  }

  /** Whether {@code payload} was encrypted by this codec (by its metadata). */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataMap().get(ENCODING_KEY));
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> encoded = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      encoded.add(encrypt(payload));
    }
    return encoded;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> decoded = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      decoded.add(isEncrypted(payload) ? decrypt(payload) : payload);
    }
    return decoded;
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.activeId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.active(), nonce, keyId);
      sealed = cipher.doFinal(payload.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt a payload with key " + keyId + ": " + e, e);
    }
    byte[] data = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, ENCODING_BYTES)
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .putMetadata(CIPHER, ByteString.copyFromUtf8(CIPHER_NAME))
        .setData(ByteString.copyFrom(data))
        .build();
  }

  private Payload decrypt(Payload payload) {
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    if (id == null) {
      throw new PayloadCodecException(
          "an encrypted payload names no key (metadata " + KEY_ID + " is missing)");
    }
    String keyId = id.toStringUtf8();
    SecretKey key =
        keys.key(keyId)
            .orElseThrow(
                () ->
                    new PayloadCodecException(
                        "payload encrypted with key "
                            + keyId
                            + ", which this process does not have: add it to"
                            + " temporal.encryption.keys (this process has "
                            + keys.ids()
                            + ")"));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException(
          "payload encrypted with key " + keyId + " is truncated (" + data.length + " bytes)");
    }
    try {
      byte[] nonce = Arrays.copyOf(data, NONCE_BYTES);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, keyId);
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return Payload.parseFrom(plain);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "payload encrypted with key "
              + keyId
              + " failed authentication: it was altered, or the file of key "
              + keyId
              + " is not the key that encrypted it",
          e);
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "cannot decrypt a payload encrypted with key " + keyId + ": " + e, e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
