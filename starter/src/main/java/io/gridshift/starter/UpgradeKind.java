package io.gridshift.starter;

import java.util.Locale;

/** The grid kinds gridshift upgrades; the {@code kind} field of a request file. */
public enum UpgradeKind {
  INFINISPAN,
  HAZELCAST;

  /** Parses a kind name, case-insensitively, with a message listing the kinds. */
  public static UpgradeKind parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown kind '"
              + name
              + "'; kinds: "
              + java.util.Arrays.toString(values()).toLowerCase());
    }
  }
}
