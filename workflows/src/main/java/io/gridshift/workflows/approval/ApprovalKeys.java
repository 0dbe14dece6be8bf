package io.gridshift.workflows.approval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The HMAC keys approvals are signed and verified with, each under a key id, so that keys can
 * rotate: the REST service signs with its active key, a worker verifies with any key it lists. To
 * rotate, list the new key on the workers, then make it the REST service's active key, then (after
 * the longest token lifetime) drop the old one.
 *
 * <p>A key is the content of a file (a mounted Kubernetes Secret), trimmed, as UTF-8 bytes: at
 * least {@value #MIN_KEY_BYTES} bytes, e.g. {@code openssl rand -base64 48}. Keys never enter a
 * workflow's input or history; {@link #toString()} names only the ids.
 */
public final class ApprovalKeys {
  /** Shortest key accepted: HMAC-SHA256 keys shorter than the hash add no strength. */
  public static final int MIN_KEY_BYTES = 32;

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Map<String, byte[]> keys;
  private final String active;

  private ApprovalKeys(Map<String, byte[]> keys, String active) {
    this.keys = keys;
    this.active = active;
  }

  /**
   * Keys from {@code files} (key id to file). {@code active} names the signing key; null when these
   * keys only verify (a worker). Every problem is reported at once, naming the key id and the fix;
   * the key material is never shown.
   */
  public static ApprovalKeys fromFiles(Map<String, String> files, String active) {
    List<String> problems = new ArrayList<>();
    Map<String, byte[]> keys = new LinkedHashMap<>();
    if (files == null || files.isEmpty()) {
      problems.add("approvals.keys is empty: list at least one key id with its key file");
    } else {
      files.forEach((id, file) -> read(id, file, keys, problems));
    }
    if (active != null && files != null && !files.containsKey(active)) {
      problems.add(
          "approvals.activeKey '"
              + active
              + "' is not listed under approvals.keys "
              + (files == null ? "[]" : files.keySet()));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "approval keys are invalid: " + String.join("; ", problems));
    }
    return new ApprovalKeys(Map.copyOf(keys), active);
  }

  /** Keys given directly (tests): id to key bytes; {@code active} signs. */
  public static ApprovalKeys of(Map<String, byte[]> keys, String active) {
    keys.forEach(
        (id, key) -> {
          if (!KEY_ID.matcher(id).matches() || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("key '" + id + "' is invalid");
          }
        });
    if (active != null && !keys.containsKey(active)) {
      throw new IllegalArgumentException("active key '" + active + "' is not listed");
    }
    return new ApprovalKeys(Map.copyOf(keys), active);
  }

  private static void read(
      String id, String file, Map<String, byte[]> keys, List<String> problems) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      problems.add(
          "approvals.keys: key id '"
              + id
              + "' must be 1 to 64 letters, digits, '-' or '_' (it travels in every token)");
      return;
    }
    if (file == null || file.isBlank()) {
      problems.add("approvals.keys." + id + " names no file: give the path of the key file");
      return;
    }
    byte[] key;
    try {
      key =
          Files.readString(Path.of(file), StandardCharsets.UTF_8)
              .strip()
              .getBytes(StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      problems.add(
          "approvals.keys."
              + id
              + ": cannot read key file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); mount the Secret there or fix the path");
      return;
    }
    if (key.length < MIN_KEY_BYTES) {
      problems.add(
          "approvals.keys."
              + id
              + ": the key in "
              + file
              + " has "
              + key.length
              + " bytes, fewer than "
              + MIN_KEY_BYTES
              + "; make one with: openssl rand -base64 48");
      return;
    }
    keys.put(id, key);
  }

  /** The key {@code id}, or null when it is not listed. */
  byte[] key(String id) {
    return keys.get(id);
  }

  /** The signing key's id, or null when these keys only verify. */
  public String activeKey() {
    return active;
  }

  /** The listed key ids, sorted. */
  public List<String> ids() {
    return keys.keySet().stream().sorted().toList();
  }

  @Override
  public String toString() {
    return "ApprovalKeys" + ids() + (active == null ? "" : " active " + active);
  }
}
