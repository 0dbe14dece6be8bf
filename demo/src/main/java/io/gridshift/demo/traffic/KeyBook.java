package io.gridshift.demo.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probe's key space {@code probe-<runId>-<n>} and, per key, the versions written: the last one
 * issued and the last one the grid acknowledged. Values are {@code <key>#<version>}, so a read
 * tells which write it sees and whether it belongs to the key at all.
 *
 * <p>At most one write per key is in flight: two concurrent writes of one key could be applied in
 * either order, and then "older than acknowledged" would not mean "lost".
 */
final class KeyBook {
  private final String prefix;
  private final Key[] keys;
  private final AtomicLong nextWrite = new AtomicLong();

  KeyBook(String runId, int size) {
    this.prefix = "probe-" + runId + "-";
    this.keys = new Key[size];
    for (int i = 0; i < size; i++) {
      keys[i] = new Key(prefix + i);
    }
  }

  /** The next key in turn that has no write in flight, locked for writing; null if all are. */
  Key claimForWrite() {
    for (int tries = 0; tries < keys.length; tries++) {
      Key key = keys[(int) (nextWrite.getAndIncrement() % keys.length)];
      if (key.writing.compareAndSet(false, true)) {
        return key;
      }
    }
    return null;
  }

  /** A random key with an acknowledged write, or null when there is none yet. */
  Key pickForRead() {
    int written = (int) Math.min(keys.length, nextWrite.get());
    for (int tries = 0; written > 0 && tries < 8; tries++) {
      Key key = keys[ThreadLocalRandom.current().nextInt(written)];
      if (key.acked() > 0) {
        return key;
      }
    }
    return null;
  }

  /** Every key with at least one acknowledged write. */
  List<Key> acknowledged() {
    List<Key> result = new ArrayList<>();
    for (Key key : keys) {
      if (key.acked() > 0) {
        result.add(key);
      }
    }
    return result;
  }

  /** The value that write {@code version} of {@code key} stores. */
  static String value(String key, long version) {
    return key + "#" + version;
  }

  /**
   * The version a value holds for {@code key}; -1 when the value is not one of this key's (a
   * foreign or corrupted value).
   */
  static long versionOf(String key, String value) {
    if (value == null || !value.startsWith(key + "#")) {
      return -1;
    }
    try {
      return Long.parseLong(value.substring(key.length() + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One key: versions issued and acknowledged, and the lock of its single in-flight write. */
  static final class Key {
    final String name;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicLong issued = new AtomicLong();
    private volatile long acked;

    Key(String name) {
      this.name = name;
    }

    /** The version of the next write (call with the key claimed). */
    long issue() {
      return issued.incrementAndGet();
    }

    /** The highest version issued so far, acknowledged or not. */
    long issued() {
      return issued.get();
    }

    /** The highest version the grid acknowledged; 0 when none. */
    long acked() {
      return acked;
    }

    /** Records the acknowledgement of {@code version} (call with the key claimed). */
    void ack(long version) {
      if (version > acked) {
        acked = version;
      }
    }

    /** Ends the in-flight write, acknowledged or not. */
    void release() {
      writing.set(false);
    }
  }
}
