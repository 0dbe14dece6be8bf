package io.gridshift.demo.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way of running {@code sync-data} over all caches: its query parameters (null leaves the
 * server default) and whether the caches sync one after another or all at once. Pure.
 *
 * @param name as given on the command line ({@code default}, {@code tuned} or a custom spec)
 * @param readBatch {@code read-batch}, or null for the server default (10000)
 * @param threads {@code threads}, or null for the server default (the target's CPU count)
 * @param parallel all caches at once (one request thread per cache) rather than one by one
 */
record SyncVariant(String name, Integer readBatch, Integer threads, boolean parallel) {
  private static final Pattern CUSTOM = Pattern.compile("(seq|par)(?:/rb(\\d+))?(?:/t(\\d+))?");

  /**
   * {@code default}: the Infinispan Operator's way (no parameters, one cache after another); {@code
   * tuned}: gridshift's ({@code readBatch}, {@code threads}, caches in parallel); or a custom
   * {@code seq|par[/rbN][/tN]}, e.g. {@code par} (server defaults, caches in parallel) or {@code
   * seq/t16}.
   */
  static SyncVariant parse(String spec, int readBatch, int threads) {
    if (spec.equals("default")) {
      return new SyncVariant(spec, null, null, false);
    }
    if (spec.equals("tuned")) {
      return new SyncVariant(spec, readBatch, threads, true);
    }
    Matcher m = CUSTOM.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "variant '"
              + spec
              + "' is not default, tuned or seq|par[/rbN][/tN] (e.g. par/t16, seq/rb1000/t8)");
    }
    return new SyncVariant(
        spec,
        m.group(2) == null ? null : Integer.valueOf(m.group(2)),
        m.group(3) == null ? null : Integer.valueOf(m.group(3)),
        m.group(1).equals("par"));
  }

  /** The query string of one cache's request, e.g. {@code ?action=sync-data&threads=16}. */
  String query() {
    StringBuilder query = new StringBuilder("?action=sync-data");
    if (readBatch != null) {
      query.append("&read-batch=").append(readBatch);
    }
    if (threads != null) {
      query.append("&threads=").append(threads);
    }
    return query.toString();
  }

  /** For the report, e.g. {@code read-batch=1000 threads=16 caches=parallel}. */
  String describe() {
    return "read-batch="
        + (readBatch == null ? "server-default" : readBatch)
        + " threads="
        + (threads == null ? "server-default" : threads)
        + " caches="
        + (parallel ? "parallel" : "sequential");
  }
}
