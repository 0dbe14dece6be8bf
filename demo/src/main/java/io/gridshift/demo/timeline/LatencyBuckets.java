package io.gridshift.demo.timeline;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The probe's samples folded into equal time buckets (one per few pixel columns), so the picture
 * costs the same for a thousand samples or a million.
 *
 * <p>Latency (p50 by nearest rank, and max) is taken over successful operations only: a failed
 * operation's latency is usually a client timeout and would say nothing about the grid's speed.
 * Failures are counted per bucket instead. Samples outside the window are left out and counted in
 * {@link #outside()}.
 */
final class LatencyBuckets {

  /** One bucket: {@code p50} and {@code max} are NaN when it holds no successful operation. */
  record Bucket(int index, int ok, int errors, double p50, double max) {
    boolean hasLatency() {
      return ok > 0;
    }
  }

  private final Bucket[] buckets;
  private final long bucketMs;
  private final int outside;

  private LatencyBuckets(Bucket[] buckets, long bucketMs, int outside) {
    this.buckets = buckets;
    this.bucketMs = bucketMs;
    this.outside = outside;
  }

  static LatencyBuckets of(List<Sample> samples, Instant start, Instant end, int count) {
    long spanMs = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
    // Rounded up so that even a sample exactly at the end falls into one of {@code count} buckets.
    long bucketMs = Math.max(1, (spanMs + count) / count);
    int n = (int) (spanMs / bucketMs) + 1;
    int[] sizes = new int[n];
    int[] errors = new int[n];
    int outside = 0;
    for (Sample s : samples) {
      int i = index(s, start, spanMs, bucketMs);
      if (i < 0 || i >= n) {
        outside++;
      } else if (s.ok()) {
        sizes[i]++;
      } else {
        errors[i]++;
      }
    }
    double[][] latencies = new double[n][];
    for (int i = 0; i < n; i++) {
      latencies[i] = new double[sizes[i]];
      sizes[i] = 0;
    }
    for (Sample s : samples) {
      int i = index(s, start, spanMs, bucketMs);
      if (i >= 0 && i < n && s.ok()) {
        latencies[i][sizes[i]++] = s.latencyMs();
      }
    }
    Bucket[] buckets = new Bucket[n];
    for (int i = 0; i < n; i++) {
      buckets[i] = bucket(i, latencies[i], errors[i]);
    }
    return new LatencyBuckets(buckets, bucketMs, outside);
  }

  private static int index(Sample s, Instant start, long spanMs, long bucketMs) {
    if (s == null || s.at() == null) {
      return -1;
    }
    long offset = s.at().toEpochMilli() - start.toEpochMilli();
    return offset < 0 || offset > spanMs ? -1 : (int) (offset / bucketMs);
  }

  private static Bucket bucket(int i, double[] values, int errors) {
    if (values.length == 0) {
      return new Bucket(i, 0, errors, Double.NaN, Double.NaN);
    }
    Arrays.sort(values);
    int rank = (int) Math.ceil(values.length * 0.5) - 1;
    return new Bucket(i, values.length, errors, values[rank], values[values.length - 1]);
  }

  List<Bucket> buckets() {
    return List.of(buckets);
  }

  long bucketMs() {
    return bucketMs;
  }

  int outside() {
    return outside;
  }

  int totalErrors() {
    return Arrays.stream(buckets).mapToInt(Bucket::errors).sum();
  }

  int totalOk() {
    return Arrays.stream(buckets).mapToInt(Bucket::ok).sum();
  }

  /** Highest max over all buckets, or NaN without any successful operation. */
  double maxLatency() {
    return Arrays.stream(buckets)
        .filter(Bucket::hasLatency)
        .mapToDouble(Bucket::max)
        .max()
        .orElse(Double.NaN);
  }

  /** The median of the buckets' p50 values: the typical latency, used to pick the y scale. */
  double typicalP50() {
    double[] p50 =
        Arrays.stream(buckets)
            .filter(Bucket::hasLatency)
            .mapToDouble(Bucket::p50)
            .sorted()
            .toArray();
    return p50.length == 0 ? Double.NaN : p50[p50.length / 2];
  }

  /** Lowest positive p50, the floor a log scale must show. */
  double minPositiveP50() {
    return Arrays.stream(buckets)
        .filter(Bucket::hasLatency)
        .mapToDouble(Bucket::p50)
        .filter(v -> v > 0)
        .min()
        .orElse(Double.NaN);
  }
}
