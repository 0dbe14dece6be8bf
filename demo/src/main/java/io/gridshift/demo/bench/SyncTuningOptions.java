package io.gridshift.demo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of {@link SyncTuningExperiment}. Pure.
 *
 * @param entries entries loaded into the source, spread evenly over the caches
 * @param caches number of distributed caches
 * @param rounds rounds per variant; the variants alternate within a round
 * @param readBatch {@code read-batch} of the {@code tuned} variant
 * @param threads {@code threads} of the {@code tuned} variant
 * @param sourceNodes nodes of the source grid
 * @param targetNodes nodes of each target grid
 * @param valueBytes length of each value (ASCII)
 * @param heap {@code -Xmx} of every server
 * @param settleSeconds pause between connecting a fresh target and timing its sync, so the target's
 *     own start-up work (and the previous round's shutdown) is not counted as sync time
 * @param variants variants in the order each round runs them; the first is the baseline
 * @param workDir where the servers' roots go; null for a fresh temp dir
 */
record SyncTuningOptions(
    int entries,
    int caches,
    int rounds,
    int readBatch,
    int threads,
    int sourceNodes,
    int targetNodes,
    int valueBytes,
    String heap,
    int settleSeconds,
    List<SyncVariant> variants,
    Path workDir) {

  static final String USAGE =
      "usage: sync-tuning [--entries N] [--caches N] [--rounds N] [--read-batch R] [--threads T]"
          + " [--source-nodes N] [--target-nodes N] [--value-bytes N] [--heap 512m]"
          + " [--settle SECONDS] [--variants default,tuned,...] [--work-dir DIR]\n"
          + "  a variant is default (no parameters, caches one after another), tuned (--read-batch,"
          + " --threads, caches in parallel) or seq|par[/rbN][/tN], e.g. par/t16";

  static SyncTuningOptions parse(String... args) {
    int entries = 400_000;
    int caches = 4;
    int rounds = 2;
    int readBatch = 1000;
    int threads = 16;
    int sourceNodes = 2;
    int targetNodes = 2;
    int valueBytes = 100;
    String heap = "512m";
    int settleSeconds = 5;
    String variants = "default,tuned";
    Path workDir = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--entries" -> entries = positive(flag, value);
        case "--caches" -> caches = positive(flag, value);
        case "--rounds" -> rounds = positive(flag, value);
        case "--read-batch" -> readBatch = positive(flag, value);
        case "--threads" -> threads = positive(flag, value);
        case "--source-nodes" -> sourceNodes = positive(flag, value);
        case "--target-nodes" -> targetNodes = positive(flag, value);
        case "--value-bytes" -> valueBytes = positive(flag, value);
        case "--heap" -> heap = value;
        case "--settle" -> settleSeconds = nonNegative(flag, value);
        case "--variants" -> variants = value;
        case "--work-dir" -> workDir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown argument " + flag + "\n" + USAGE);
      }
    }
    if (entries < caches) {
      throw new IllegalArgumentException(
          "--entries " + entries + " must be at least --caches " + caches);
    }
    List<SyncVariant> parsed = new ArrayList<>();
    for (String spec : variants.split(",")) {
      parsed.add(SyncVariant.parse(spec.strip(), readBatch, threads));
    }
    // Every round's target gets fresh addresses in 127.0.51.1-254.
    if ((long) rounds * parsed.size() * targetNodes > 254) {
      throw new IllegalArgumentException(
          "--rounds x variants x --target-nodes must stay within 254 loopback addresses");
    }
    return new SyncTuningOptions(
        entries,
        caches,
        rounds,
        readBatch,
        threads,
        sourceNodes,
        targetNodes,
        valueBytes,
        heap,
        settleSeconds,
        List.copyOf(parsed),
        workDir);
  }

  private static int positive(String flag, String value) {
    int n = number(flag, value);
    if (n < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1, not " + value);
    }
    return n;
  }

  private static int nonNegative(String flag, String value) {
    int n = number(flag, value);
    if (n < 0) {
      throw new IllegalArgumentException(flag + " must not be negative, not " + value);
    }
    return n;
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, not '" + value + "'", e);
    }
  }

  /** Cache names, {@code sync-0 ... sync-(caches-1)}. */
  List<String> cacheNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < caches; i++) {
      names.add("sync-" + i);
    }
    return names;
  }

  /** Entries of cache number {@code index}: an even split, the first caches take the remainder. */
  int entriesOf(int index) {
    return entries / caches + (index < entries % caches ? 1 : 0);
  }
}
