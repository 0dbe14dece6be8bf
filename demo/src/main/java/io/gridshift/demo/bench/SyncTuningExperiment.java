package io.gridshift.demo.bench;

import io.gridshift.sandbox.infinispan.InfinispanDistributions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync tuning, side by side on the same data: the Infinispan Operator's way ({@code sync-data} per
 * cache one after another, no parameters: the server's defaults) against gridshift's tuned way
 * ({@code read-batch} and {@code threads} set, all caches at once).
 *
 * <p>A source grid of 14.0.28.Final (127.0.50.x) is loaded once. Every round then starts a fresh
 * 15.0.21.Final target (127.0.51.x, its own cluster), creates the caches with a remote store to the
 * source in their configuration (the state gridshift's RUNTIME mode connects them to), times the
 * sync from the first request to the last answer, disconnects, checks every entry on the target and
 * stops it. Target caches are never deleted: deleting a connected target cache clears the source.
 * Variants alternate (default, tuned, default, tuned, ...) so warm-up and background load fall on
 * both.
 *
 * <p>Usage: see {@link SyncTuningOptions#USAGE}.
 */
public final class SyncTuningExperiment {
  static final String SOURCE_VERSION = "14.0.28.Final";
  static final String TARGET_VERSION = "15.0.21.Final";
  private static final Logger LOG = LoggerFactory.getLogger(SyncTuningExperiment.class);

  private SyncTuningExperiment() {}

  public static void main(String[] args) throws Exception {
    SyncTuningOptions options;
    try {
      options = SyncTuningOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // InfinispanServer reads the heap from this property when it builds the server's command.
    System.setProperty("gridshift.infinispan.heap", options.heap());
    Path dir =
        options.workDir() != null
            ? Files.createDirectories(options.workDir())
            : Files.createTempDirectory("sync-tuning-");
    boolean complete = run(options, dir);
    System.exit(complete ? 0 : 1);
  }

  private static boolean run(SyncTuningOptions options, Path dir) throws Exception {
    say("sync-tuning: MACHINE " + SyncMachine.describe());
    say(
        "sync-tuning: %,d entries of %d bytes over %d distributed caches (owners 2); source %d x"
            + " %s, targets %d x %s, -Xmx%s each, %d s settle before each sync; servers under %s",
        options.entries(),
        options.valueBytes(),
        options.caches(),
        options.sourceNodes(),
        SOURCE_VERSION,
        options.targetNodes(),
        TARGET_VERSION,
        options.heap(),
        options.settleSeconds(),
        dir);
    InfinispanDistributions.resolve(SOURCE_VERSION);
    InfinispanDistributions.resolve(TARGET_VERSION);
    List<SyncRoundResult> results = new ArrayList<>();
    try (SyncGrid source =
        SyncGrid.start(
            SOURCE_VERSION, dir, "127.0.50", 1, options.sourceNodes(), "synctune-source")) {
      loadSource(options, source);
      SyncRound rounds = new SyncRound(options, source, dir);
      int index = 0;
      for (int round = 1; round <= options.rounds(); round++) {
        for (SyncVariant variant : options.variants()) {
          say("sync-tuning: round %d, %s (%s)...", round, variant.name(), variant.describe());
          SyncRoundResult result = rounds.run(round, variant, index++);
          results.add(result);
          say(result.line(SyncMachine.cores()));
        }
      }
    }
    for (String line : SyncSummary.lines(results, options.variants())) {
      say(line);
    }
    boolean complete = results.stream().allMatch(SyncRoundResult::complete);
    say(
        complete
            ? "sync-tuning: every entry reached every target"
            : "sync-tuning: INCOMPLETE: some round lost entries; see the RESULT lines");
    return complete;
  }

  private static void loadSource(SyncTuningOptions options, SyncGrid source) throws Exception {
    for (String cache : options.cacheNames()) {
      source.rest(0).createCache(cache, SyncRound.cacheConfig(cache, null));
    }
    say("sync-tuning: loading %,d entries into the source...", options.entries());
    long start = System.nanoTime();
    new SyncData(options).load(source.hosts());
    long size = 0;
    for (String cache : options.cacheNames()) {
      size += source.rest(0).size(cache);
    }
    if (size != options.entries()) {
      throw new IllegalStateException(
          "the source holds " + size + " entries after loading " + options.entries());
    }
    say("sync-tuning: loaded in %.1f s", (System.nanoTime() - start) / 1e9);
  }

  /** A line for the terminal (the experiment's output) and the log. */
  static void say(String format, Object... args) {
    String line = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
    System.out.println(line);
    LOG.info(line);
  }
}
