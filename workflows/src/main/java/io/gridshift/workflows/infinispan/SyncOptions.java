package io.gridshift.workflows.infinispan;

import java.util.ArrayList;
import java.util.List;

/**
 * Tuning of {@code sync-data}.
 *
 * @param readBatch entries read from the source per batch; null leaves the server default (10000)
 * @param threads threads the target uses per cache; null leaves the server default (CPU count)
 * @param parallelCaches how many caches sync at once (default 1: one after another)
 * @param clientDrainSeconds how long to wait after switching the Service before sync-data starts
 *     (default {@value #DEFAULT_CLIENT_DRAIN_SECONDS}): a Service switch only routes new
 *     connections, so clients must reconnect (e.g. a connection max age) before the source stops
 *     receiving their writes; a write that reaches the source after sync copied the key would be
 *     stale on the target (verify-sync catches that and stops)
 */
public record SyncOptions(
    Integer readBatch, Integer threads, Integer parallelCaches, Integer clientDrainSeconds) {
  public static final int DEFAULT_CLIENT_DRAIN_SECONDS = 5;

  public SyncOptions {
    if (parallelCaches == null) {
      parallelCaches = 1;
    }
    if (clientDrainSeconds == null) {
      clientDrainSeconds = DEFAULT_CLIENT_DRAIN_SECONDS;
    }
  }

  /** Without a client drain given (the default one applies). */
  public SyncOptions(Integer readBatch, Integer threads, Integer parallelCaches) {
    this(readBatch, threads, parallelCaches, null);
  }

  /** The server's defaults, caches one after another. */
  public static SyncOptions defaults() {
    return new SyncOptions(null, null, 1, null);
  }

  /** Problems with these options, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (readBatch != null && (readBatch < 1 || readBatch > 1_000_000)) {
      problems.add("sync.readBatch " + readBatch + " must be between 1 and 1000000");
    }
    if (threads != null && (threads < 1 || threads > 256)) {
      problems.add("sync.threads " + threads + " must be between 1 and 256");
    }
    if (clientDrainSeconds < 0 || clientDrainSeconds > 3600) {
      problems.add("sync.clientDrainSeconds " + clientDrainSeconds + " must be between 0 and 3600");
    }
    if (parallelCaches < 1 || parallelCaches > 64) {
      problems.add("sync.parallelCaches " + parallelCaches + " must be between 1 and 64");
    }
    return problems;
  }
}
