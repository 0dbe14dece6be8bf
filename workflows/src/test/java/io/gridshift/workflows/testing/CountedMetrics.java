package io.gridshift.workflows.testing;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A metrics scope for workflow tests that keeps every counter's total by name and tags, so a test
 * reads what the workflow code reported ({@code Workflow.getMetricsScope()}) without a registry.
 * Counters arrive every {@link #REPORT_EVERY_MILLIS} ms: read them with {@link #awaitCount}.
 */
public final class CountedMetrics implements StatsReporter {
  static final long REPORT_EVERY_MILLIS = 50;

  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final Scope scope =
      new RootScopeBuilder().reporter(this).reportEvery(Duration.ofMillis(REPORT_EVERY_MILLIS));

  /** The scope to give the test environment. */
  public Scope scope() {
    return scope;
  }

  /** The sum of counter {@code name} over every tag set that includes {@code tags}. */
  public long count(String name, Map<String, String> tags) {
    return counters.entrySet().stream()
        .filter(e -> e.getKey().startsWith(name + "{"))
        .filter(e -> tags.entrySet().stream().allMatch(t -> e.getKey().contains(tag(t))))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  /**
   * {@link #count} once it reached {@code atLeast}, or after a second (a report later), whatever it
   * is then.
   */
  public long awaitCount(String name, Map<String, String> tags, long atLeast) {
    long deadline = System.nanoTime() + 1_000_000_000L;
    long n = count(name, tags);
    while (n < atLeast && System.nanoTime() < deadline) {
      try {
        Thread.sleep(REPORT_EVERY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      n = count(name, tags);
    }
    try {
      Thread.sleep(3 * REPORT_EVERY_MILLIS); // anything counted twice arrives too
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return count(name, tags);
  }

  private static String tag(Map.Entry<String, String> t) {
    return "," + t.getKey() + "=" + t.getValue() + ",";
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    StringBuilder key = new StringBuilder(name).append("{,");
    new java.util.TreeMap<>(tags)
        .forEach((k, v) -> key.append(k).append('=').append(v).append(','));
    counters.computeIfAbsent(key.append('}').toString(), k -> new AtomicLong()).addAndGet(value);
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {}

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {}

  @Override
  public void reportHistogramValueSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      double bucketLowerBound,
      double bucketUpperBound,
      long samples) {}

  @Override
  public void reportHistogramDurationSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      Duration bucketLowerBound,
      Duration bucketUpperBound,
      long samples) {}

  @Override
  public Capabilities capabilities() {
    return CapableOf.REPORTING_TAGGING;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
