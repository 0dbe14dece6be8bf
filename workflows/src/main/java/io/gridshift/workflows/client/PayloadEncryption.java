package io.gridshift.workflows.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which keys encrypt payloads (AES-256-GCM). New payloads are encrypted with {@code activeKey};
 * every listed key decrypts, so keys rotate by adding a new one, making it active and keeping the
 * old one until no open history needs it. A key file holds 32 random bytes, base64-encoded ({@code
 * head -c 32 /dev/urandom | base64}).
 *
 * @param activeKey the id of the key new payloads use (default: the first listed)
 * @param keys every key that may have encrypted a payload still in a history
 */
public record PayloadEncryption(String activeKey, List<Key> keys) {
  public static final PayloadEncryption NONE = new PayloadEncryption(null, List.of());

  /**
   * One key.
   *
   * @param id key id, written in each payload's metadata (letters, digits, '-', '_', '.')
   * @param file file holding the base64 key (a mounted Secret)
   */
  public record Key(String id, String file) {}

  public PayloadEncryption {
    keys = keys == null ? List.of() : List.copyOf(keys);
    activeKey =
        TemporalAccess.blank(activeKey)
            ? (keys.isEmpty() ? null : keys.get(0).id())
            : activeKey.strip();
  }

  /** Whether payloads are encrypted. */
  public boolean enabled() {
    return !keys.isEmpty();
  }

  /** Every problem with these settings, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Key key : keys) {
      if (key.id() == null || !key.id().matches("[A-Za-z0-9._-]{1,64}")) {
        problems.add(
            "encryption: key id '" + key.id() + "' must be 1-64 letters, digits, '.', '_', '-'");
      } else if (!ids.add(key.id())) {
        problems.add("encryption: key id '" + key.id() + "' is listed twice");
      }
      if (key.file() == null || key.file().isBlank()) {
        problems.add("encryption: key '" + key.id() + "' names no file");
      }
    }
    if (enabled() && !ids.contains(activeKey)) {
      problems.add("encryption: activeKey '" + activeKey + "' is not among the listed keys");
    }
    return problems;
  }
}
