package io.gridshift.demo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round: a fresh target grid, its caches connected to the source, one timed sync of every cache
 * the way a variant says, then the check and the target's end (processes stopped, caches never
 * deleted).
 */
final class SyncRound {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRound.class);

  private final SyncTuningOptions options;
  private final SyncGrid source;
  private final Path dir;

  SyncRound(SyncTuningOptions options, SyncGrid source, Path dir) {
    this.options = options;
    this.source = source;
    this.dir = dir;
  }

  /**
   * A distributed cache, owners 2, no encoding; with {@code sourceHost}, reading through a remote
   * store to the same cache on the source, as gridshift's RUNTIME mode connects it (shared, raw
   * values, not segmented: see the activities' RemoteStoreJson).
   */
  static String cacheConfig(String cache, String sourceHost) {
    String store =
        sourceHost == null
            ? ""
            : ",\"persistence\":{\"remote-store\":{\"cache\":\""
                + cache
                + "\",\"shared\":true,\"raw-values\":true,\"segmented\":false,"
                + "\"remote-server\":[{\"host\":\""
                + sourceHost
                + "\",\"port\":"
                + SyncGrid.PORT
                + "}]}}";
    return "{\"distributed-cache\":{\"mode\":\"SYNC\",\"owners\":2,\"statistics\":true"
        + store
        + "}}";
  }

  /** Runs round {@code round} of {@code variant} on target number {@code index} (0-based). */
  SyncRoundResult run(int round, SyncVariant variant, int index) throws Exception {
    int nodes = options.targetNodes();
    String cluster = "synctune-target-" + (index + 1);
    try (SyncGrid target =
        SyncGrid.start(
            SyncTuningExperiment.TARGET_VERSION,
            dir,
            "127.0.51",
            1 + index * nodes,
            nodes,
            cluster)) {
      connect(target);
      Thread.sleep(options.settleSeconds() * 1000L);
      double load1 = SyncMachine.load1();
      double targetCpu = target.cpuSeconds();
      double sourceCpu = source.cpuSeconds();
      long[] machine = SyncMachine.machineTicks();
      long start = System.nanoTime();
      long synced = sync(target, variant);
      double seconds = (System.nanoTime() - start) / 1e9;
      double machineBusy = busyShare(machine, SyncMachine.machineTicks());
      targetCpu = target.cpuSeconds() - targetCpu;
      sourceCpu = source.cpuSeconds() - sourceCpu;
      long held = disconnectAndCount(target);
      long mismatched = new SyncData(options).mismatched(target.hosts());
      return new SyncRoundResult(
          round,
          variant,
          options.entries(),
          options.caches(),
          seconds,
          synced,
          held,
          mismatched,
          targetCpu,
          sourceCpu,
          load1,
          machineBusy);
    }
  }

  private void connect(SyncGrid target) throws Exception {
    for (String cache : options.cacheNames()) {
      // Created with the store in its configuration: every member starts it connected (what
      // SourceConnections does in RUNTIME mode by re-creating the empty cache).
      target.rest(0).createCache(cache, cacheConfig(cache, source.host(0)));
    }
  }

  /** Disconnects every cache and returns the entries the target then holds. */
  private long disconnectAndCount(SyncGrid target) throws Exception {
    long held = 0;
    for (String cache : options.cacheNames()) {
      // Connected, sizes and reads fall through to the source and would hide missing entries.
      target.rest(0).disconnect(cache);
      held += target.rest(0).size(cache);
    }
    return held;
  }

  private static double busyShare(long[] before, long[] after) {
    long total = after[1] - before[1];
    return total == 0 ? 0 : (double) (after[0] - before[0]) / total;
  }

  /** Syncs every cache (sequentially or all at once); returns the entries the server copied. */
  private long sync(SyncGrid target, SyncVariant variant) throws Exception {
    List<String> caches = options.cacheNames();
    ExecutorService pool = Executors.newFixedThreadPool(variant.parallel() ? caches.size() : 1);
    try {
      List<Future<Long>> copied = new ArrayList<>();
      for (String cache : caches) {
        copied.add(
            pool.submit(
                () -> {
                  long start = System.nanoTime();
                  long n = target.rest(0).syncData(cache, variant.query());
                  LOG.info(
                      "{}: synchronized {} entries of '{}' in {} ms",
                      variant.name(),
                      n,
                      cache,
                      (System.nanoTime() - start) / 1_000_000);
                  return n;
                }));
      }
      long sum = 0;
      for (Future<Long> n : copied) {
        sum += n.get();
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }
}
