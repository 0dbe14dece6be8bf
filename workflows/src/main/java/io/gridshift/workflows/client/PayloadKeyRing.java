package io.gridshift.workflows.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys of a {@link PayloadEncryption}, read from their files once, when the process
 * starts: the active key encrypts, every key decrypts. A file that is missing, not base64 or not 32
 * bytes stops the process with a message naming the key and the file, so a bad Secret mount is
 * found at start rather than at the first payload.
 */
public final class PayloadKeyRing {
  /** AES-256: 32 bytes. */
  public static final int KEY_BYTES = 32;

  private final String activeId;
  private final Map<String, SecretKey> keys;

  private PayloadKeyRing(String activeId, Map<String, SecretKey> keys) {
    if (!keys.containsKey(activeId)) {
      throw new IllegalArgumentException(
          "encryption: activeKey '" + activeId + "' is not among the keys " + keys.keySet());
    }
    this.activeId = activeId;
    this.keys = Map.copyOf(keys);
  }

  /** Reads every key file of {@code encryption} (which must be enabled and valid). */
  public static PayloadKeyRing load(PayloadEncryption encryption) {
    List<String> problems = encryption.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    if (!encryption.enabled()) {
      throw new IllegalArgumentException("encryption: no keys are configured");
    }
    Map<String, byte[]> raw = new LinkedHashMap<>();
    for (PayloadEncryption.Key key : encryption.keys()) {
      raw.put(key.id(), read(key));
    }
    return of(encryption.activeKey(), raw);
  }

  /** A ring from raw 32-byte keys by id (tests, and {@link #load}). */
  public static PayloadKeyRing of(String activeId, Map<String, byte[]> rawKeys) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    rawKeys.forEach(
        (id, bytes) -> {
          if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                "encryption: key '" + id + "' has " + bytes.length + " bytes; AES-256 needs 32");
          }
          keys.put(id, new SecretKeySpec(bytes, "AES"));
        });
    return new PayloadKeyRing(activeId, keys);
  }

  /**
   * Writes a new key file: 32 random bytes in base64, readable by the owner only where the file
   * system allows it (what the secure demo and tests use; in production it is a Secret).
   */
  public static Path writeRandomKey(Path file) throws IOException {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Files.writeString(
        file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file keeps its default permissions.
    }
    return file;
  }

  /** The id of the key new payloads are encrypted with. */
  public String activeId() {
    return activeId;
  }

  /** The active key. */
  SecretKey active() {
    return keys.get(activeId);
  }

  /** The key with {@code id}, if this process has it. */
  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** The ids of every key this process can decrypt with. */
  public Set<String> ids() {
    return keys.keySet();
  }

  private static byte[] read(PayloadEncryption.Key key) {
    Path file = Path.of(key.file());
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "encryption: the file of key '"
              + key.id()
              + "' does not exist: "
              + file
              + "; write 32 random bytes in base64 there (head -c 32 /dev/urandom | base64)"
              + " or fix temporal.encryption.keys",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "encryption: cannot read the file of key '" + key.id() + "' (" + file + "): " + e, e);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "encryption: the file of key '"
              + key.id()
              + "' ("
              + file
              + ") is not base64; it must hold 32 random bytes in base64"
              + " (head -c 32 /dev/urandom | base64)",
          e);
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "encryption: the file of key '"
              + key.id()
              + "' ("
              + file
              + ") holds "
              + bytes.length
              + " bytes; AES-256 needs exactly 32 (head -c 32 /dev/urandom | base64)");
    }
    return bytes;
  }
}
