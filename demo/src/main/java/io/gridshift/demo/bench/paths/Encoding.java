package io.gridshift.demo.bench.paths;

/**
 * The four caches each measured pair carries: three storage encodings clients write through the
 * target while it is connected, and an indexed protostream cache queried after the sync.
 */
enum Encoding {
  PROTOSTREAM("protostream"),
  TEXT("text"),
  UNENCODED("unencoded"),
  INDEXED("indexed");

  private final String label;

  Encoding(String label) {
    this.label = label;
  }

  /** The name in the result's {@code writeThrough} object, and the cache name's suffix. */
  String label() {
    return label;
  }

  /** Whether writes through the connected target are probed for this cache. */
  boolean probedForWriteThrough() {
    return this != INDEXED;
  }
}
