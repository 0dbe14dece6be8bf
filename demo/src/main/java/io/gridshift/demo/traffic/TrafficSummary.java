package io.gridshift.demo.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report's {@code traffic} section: the probe's verdict on an upgrade, without the raw samples.
 *
 * @param ops operations the probe ran
 * @param errors operations that did not end OK (failed, stale, missing, not run in time)
 * @param lostWrites acknowledged writes missing or stale at the end; -1 when not verified
 * @param unreadableKeys acknowledged keys the final check could not read; -1 when not verified
 * @param latencyMs latency percentiles before and during the upgrade, over operations that reached
 *     the grid (failed ones included: the client waited for them too)
 * @param errorsByStep errors per step whose window holds the operation's due time; an error in
 *     several overlapping steps counts for each; {@value #NO_STEP} for errors outside every step
 * @param errorsByKind errors per kind ({@code STALE_READ}, {@code MISSING_KEY}, exception class)
 * @param errorGroups the failures grouped by message, first message of each in full
 */
public record TrafficSummary(
    long ops,
    long errors,
    long lostWrites,
    long unreadableKeys,
    LatencyMs latencyMs,
    Map<String, Long> errorsByStep,
    Map<String, Long> errorsByKind,
    List<ErrorGroup> errorGroups) {

  public static final String NO_STEP = "(no step)";

  /**
   * Summarizes {@code record} for an upgrade that ran from {@code upgradeStart} to {@code
   * upgradeEnd} ({@code null}: still running) through {@code steps}.
   */
  public static TrafficSummary summarize(
      TrafficRecord record, Instant upgradeStart, Instant upgradeEnd, List<StepWindow> steps) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(upgradeStart, "upgradeStart");
    long start = upgradeStart.toEpochMilli();
    long end = upgradeEnd == null ? Long.MAX_VALUE : upgradeEnd.toEpochMilli();
    List<OpSample> samples = record.samples();
    long[] baseline = latencies(samples, Long.MIN_VALUE, start - 1);
    long[] during = latencies(samples, start, end);
    return new TrafficSummary(
        record.ops(),
        record.errors(),
        record.lostWrites(),
        record.unreadableKeys(),
        new LatencyMs(Percentiles.ofMicros(baseline), Percentiles.ofMicros(during)),
        errorsByStep(samples, steps == null ? List.of() : steps),
        errorsByKind(samples),
        record.errorGroups());
  }

  /** Latencies (µs) of measured operations due in {@code [fromMs, toMs]}. */
  private static long[] latencies(List<OpSample> samples, long fromMs, long toMs) {
    return samples.stream()
        .filter(OpSample::measured)
        .filter(s -> s.startEpochMs() >= fromMs && s.startEpochMs() <= toMs)
        .mapToLong(OpSample::latencyMicros)
        .toArray();
  }

  static Map<String, Long> errorsByStep(List<OpSample> samples, List<StepWindow> steps) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (OpSample sample : samples) {
      if (sample.ok()) {
        continue;
      }
      List<String> names = new ArrayList<>();
      for (StepWindow step : steps) {
        if (step.contains(sample.startEpochMs()) && !names.contains(step.name())) {
          names.add(step.name());
        }
      }
      if (names.isEmpty()) {
        names.add(NO_STEP);
      }
      names.forEach(name -> counts.merge(name, 1L, Long::sum));
    }
    // In step order, then the errors outside every step.
    Map<String, Long> ordered = new LinkedHashMap<>();
    steps.forEach(
        step -> {
          if (counts.containsKey(step.name())) {
            ordered.put(step.name(), counts.get(step.name()));
          }
        });
    if (counts.containsKey(NO_STEP)) {
      ordered.put(NO_STEP, counts.get(NO_STEP));
    }
    return ordered;
  }

  private static Map<String, Long> errorsByKind(List<OpSample> samples) {
    Map<String, Long> counts = new LinkedHashMap<>();
    samples.stream().filter(s -> !s.ok()).forEach(s -> counts.merge(s.error(), 1L, Long::sum));
    return counts;
  }
}
