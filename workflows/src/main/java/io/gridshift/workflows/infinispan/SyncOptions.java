package io.gridshift.workflows.infinispan;

import java.util.ArrayList;
import java.util.List;

/**
 * Tuning of {@code sync-data}.
 *
 * @param readBatch entries read from the source per batch; null leaves the server default (10000)
 * @param threads threads the target uses per cache; null leaves the server default (CPU count)
 * @param parallelCaches how many caches sync at once (default 1: one after another)
 */
public record SyncOptions(Integer readBatch, Integer threads, Integer parallelCaches) {
  public SyncOptions {
    if (parallelCaches == null) {
      parallelCaches = 1;
    }
  }

  /** The server's defaults, caches one after another. */
  public static SyncOptions defaults() {
    return new SyncOptions(null, null, 1);
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
    if (parallelCaches < 1 || parallelCaches > 64) {
      problems.add("sync.parallelCaches " + parallelCaches + " must be between 1 and 64");
    }
    return problems;
  }
}
