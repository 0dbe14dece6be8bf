package io.gridshift.worker.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The samples of a Prometheus text exposition ({@code /metrics}), for tests and the demo's report:
 * {@code PrometheusText.scrape(url).value("gridshift_upgrades_completed_total", Map.of("kind",
 * "infinispan"))}. Comments ({@code # HELP}, {@code # TYPE}) are skipped; a histogram is its {@code
 * _bucket}, {@code _sum} and {@code _count} samples.
 *
 * @param samples every sample, in the order of the text
 */
public record PrometheusText(List<Sample> samples) {
  /**
   * One line of the exposition.
   *
   * @param name the series name, e.g. {@code gridshift_step_duration_seconds_bucket}
   * @param labels its labels, in the order of the text
   * @param value its value
   */
  public record Sample(String name, Map<String, String> labels, double value) {}

  public PrometheusText {
    samples = List.copyOf(samples);
  }

  /** Reads {@code text}; throws IllegalArgumentException naming a line it cannot read. */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        samples.add(sample(l));
      }
    }
    return new PrometheusText(samples);
  }

  /** GETs {@code url} (e.g. {@code http://127.0.0.1:9464/metrics}) and reads it. */
  public static PrometheusText scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  /** The samples named {@code name} whose labels include all of {@code labels}. */
  public List<Sample> find(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  /** The sum of the samples {@link #find} returns; empty when there is none. */
  public Optional<Double> value(String name, Map<String, String> labels) {
    List<Sample> found = find(name, labels);
    return found.isEmpty()
        ? Optional.empty()
        : Optional.of(found.stream().mapToDouble(Sample::value).sum());
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      rest = labels(line, brace + 1, labels);
    } else if (space > 0) {
      name = line.substring(0, space);
      rest = space;
    } else {
      throw new IllegalArgumentException("not a Prometheus sample: " + line);
    }
    String[] fields = line.substring(rest).strip().split("\\s+");
    try {
      return new Sample(name, labels, number(fields[0]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Prometheus sample value: " + line, e);
    }
  }

  /** Reads {@code a="x",b="y"}} from {@code from}; returns the index after the closing brace. */
  private static int labels(String line, int from, Map<String, String> labels) {
    int i = from;
    while (i < line.length() && line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("not a Prometheus label list: " + line);
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < line.length() && line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\' && j + 1 < line.length()) {
          char next = line.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      if (j >= line.length()) {
        throw new IllegalArgumentException("unterminated label value: " + line);
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
    if (i >= line.length()) {
      throw new IllegalArgumentException("unterminated label list: " + line);
    }
    return i + 1;
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}
