package io.gridshift.demo.secure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets a secure demo run makes for itself, each in a file readable by its owner only, as a
 * mounted Kubernetes Secret would be: the payload encryption key, the approval signing key and the
 * two people's passwords. Fresh for every run; nothing here is a default anyone could know.
 */
final class SecureFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;

  SecureFiles(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** The directory holding the files. */
  Path dir() {
    return dir;
  }

  /** A new 32-byte key, base64, in {@code name}. */
  Path key(String name) throws IOException {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return write(name, Base64.getEncoder().encodeToString(key));
  }

  /** A new password (24 url-safe characters) in {@code name}. */
  Path password(String name) throws IOException {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return write(name, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The text of a file this class wrote. */
  static String read(Path file) throws IOException {
    return Files.readString(file).strip();
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, content);
  }
}
