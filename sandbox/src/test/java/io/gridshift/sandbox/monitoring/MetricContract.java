package io.gridshift.sandbox.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gridshift's metric names as {@code deploy/monitoring/metrics.txt} lists them (one {@code
 * NAME{LABEL,...} TYPE} a line), and what a PromQL expression may call them: a histogram only as
 * {@code _bucket} (with {@code le}), {@code _sum} or {@code _count}.
 */
record MetricContract(Map<String, Metric> metrics) {
  static final Path FILE = Path.of("..", "deploy", "monitoring", "metrics.txt");

  /** Series names from outside the contract that the dashboard and alerts may read. */
  static boolean foreign(String name) {
    return name.startsWith("temporal_") || name.startsWith("jvm_") || name.equals("up");
  }

  /** Labels Prometheus adds to every scraped series (and the PodMonitors' pod_ready). */
  static final Set<String> TARGET_LABELS =
      Set.of("job", "instance", "namespace", "pod", "pod_ready");

  record Metric(String name, Set<String> labels, String type) {}

  private static final Pattern LINE =
      Pattern.compile("(\\w+)\\{([\\w,]*)\\} (counter|gauge|histogram)");

  static MetricContract load() {
    try {
      Map<String, Metric> metrics = new LinkedHashMap<>();
      for (String line : Files.readAllLines(FILE)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
          throw new IllegalStateException(FILE + ": not NAME{LABEL,...} TYPE: " + line);
        }
        Set<String> labels = new LinkedHashSet<>(Arrays.asList(m.group(2).split(",")));
        metrics.put(m.group(1), new Metric(m.group(1), labels, m.group(3)));
      }
      return new MetricContract(metrics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The labels a series named {@code series} carries, or empty when the contract has no such series
   * (a histogram's bare name included).
   */
  Optional<Set<String>> labelsOf(String series) {
    Metric plain = metrics.get(series);
    if (plain != null) {
      return plain.type().equals("histogram") ? Optional.empty() : Optional.of(plain.labels());
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (series.endsWith(suffix)) {
        Metric h = metrics.get(series.substring(0, series.length() - suffix.length()));
        if (h != null && h.type().equals("histogram")) {
          Set<String> labels = new LinkedHashSet<>(h.labels());
          if (suffix.equals("_bucket")) {
            labels.add("le");
          }
          return Optional.of(labels);
        }
      }
    }
    return Optional.empty();
  }

  /** The contract metric a series belongs to (a histogram's for its _bucket/_sum/_count). */
  Optional<String> metricOf(String series) {
    if (metrics.containsKey(series)) {
      return Optional.of(series);
    }
    return metrics.keySet().stream().filter(n -> series.startsWith(n + "_")).findFirst();
  }
}
