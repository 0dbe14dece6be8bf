package io.gridshift.demo.bench.paths;

/** How the target reaches its source, as the product's two connection modes do. */
enum Mode {
  /** {@code POST .../rolling-upgrade/source-connection} on the running target. */
  RUNTIME,
  /** The remote store in the target's cache configuration before the target starts. */
  CONFIG
}
