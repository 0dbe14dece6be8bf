package io.gridshift.sandbox.kube;

import java.util.BitSet;

/**
 * Hands out addresses {@code <prefix>1 .. <prefix>254} of one loopback /24 (for example {@code
 * 127.0.1.}), lowest free first, and takes them back. Every 127.0.0.0/8 address is usable on this
 * machine, so each pod or Service can own an address the way it owns one in a cluster network.
 */
final class LoopbackPool {
  private static final int FIRST = 1;
  private static final int LAST = 254;

  private final String prefix;
  private final BitSet used = new BitSet(LAST + 1);

  /**
   * @param prefix the first three octets with the trailing dot, e.g. {@code "127.0.3."}
   */
  LoopbackPool(String prefix) {
    if (!prefix.startsWith("127.") || !prefix.endsWith(".") || prefix.split("\\.").length != 3) {
      throw new IllegalArgumentException(
          "loopback pool prefix '" + prefix + "' must look like 127.x.y. (three octets and a dot)");
    }
    this.prefix = prefix;
  }

  /** Returns the lowest free address; throws when all 254 are taken. */
  synchronized String allocate() {
    int next = used.nextClearBit(FIRST);
    if (next > LAST) {
      throw new IllegalStateException(
          "all 254 addresses of " + prefix + "0/24 are in use; delete pods or Services first");
    }
    used.set(next);
    return prefix + next;
  }

  /**
   * Marks {@code address} as used (an object created with an explicit address); false if it is not
   * in this pool.
   */
  synchronized boolean reserve(String address) {
    int host = hostPart(address);
    if (host < 0) {
      return false;
    }
    used.set(host);
    return true;
  }

  /** Gives {@code address} back; addresses outside the pool are ignored. */
  synchronized void release(String address) {
    int host = hostPart(address);
    if (host >= 0) {
      used.clear(host);
    }
  }

  private int hostPart(String address) {
    if (address == null || !address.startsWith(prefix)) {
      return -1;
    }
    try {
      int host = Integer.parseInt(address.substring(prefix.length()));
      return host >= FIRST && host <= LAST ? host : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
