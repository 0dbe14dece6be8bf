package io.gridshift.demo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Medians per variant and each variant's speedup over the baseline (the first variant). Pure. */
final class SyncSummary {
  private SyncSummary() {}

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of no values");
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Median seconds of {@code variant}'s rounds. */
  static double medianSeconds(List<SyncRoundResult> results, SyncVariant variant) {
    return median(seconds(results, variant));
  }

  private static List<Double> seconds(List<SyncRoundResult> results, SyncVariant variant) {
    List<Double> seconds = new ArrayList<>();
    for (SyncRoundResult r : results) {
      if (r.variant().equals(variant)) {
        seconds.add(r.seconds());
      }
    }
    return seconds;
  }

  /** Baseline median seconds over {@code variant}'s median seconds: above 1 is faster. */
  static double speedup(List<SyncRoundResult> results, SyncVariant baseline, SyncVariant variant) {
    return medianSeconds(results, baseline) / medianSeconds(results, variant);
  }

  /** One SUMMARY line per variant, the baseline first. */
  static List<String> lines(List<SyncRoundResult> results, List<SyncVariant> variants) {
    SyncVariant baseline = variants.get(0);
    List<String> lines = new ArrayList<>();
    for (SyncVariant v : variants) {
      List<Double> s = seconds(results, v);
      double median = median(s);
      SyncRoundResult any = results.stream().filter(r -> r.variant().equals(v)).findFirst().get();
      lines.add(
          String.format(
              Locale.ROOT,
              "SUMMARY variant=%s (%s) rounds=%d median=%.2fs min=%.2fs max=%.2fs"
                  + " entries/s=%.0f speedup=%.2fx complete=%s",
              v.name(),
              v.describe(),
              s.size(),
              median,
              s.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
              s.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
              any.entries() / median,
              speedup(results, baseline, v),
              results.stream()
                  .filter(r -> r.variant().equals(v))
                  .allMatch(SyncRoundResult::complete)));
    }
    return lines;
  }
}
