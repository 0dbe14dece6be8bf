package io.gridshift.demo;

import com.uber.m3.tally.Scope;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.kubernetes.GridEvents;
import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.worker.GridshiftWorker;
import io.gridshift.worker.observability.PrometheusText;
import io.gridshift.worker.observability.WorkerMetrics;
import io.gridshift.worker.observability.WorkerObservability;
import io.gridshift.workflows.client.TemporalAccess;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an SRE watches during the demo, served as in a cluster: the in-process worker's {@code
 * /metrics} (with {@code /healthz} and {@code /readyz}) on a free loopback port, and the Kubernetes
 * Events the upgrade writes on the grid's StatefulSet. The report's {@code observability} reads
 * both back after the upgrade.
 */
final class DemoObservability implements AutoCloseable {
  /** The series the report reads back: one per outcome, step and gate timings, the sync rate. */
  private static final List<String> KEY_SERIES =
      List.of(
          "gridshift_upgrades_started_total",
          "gridshift_upgrades_completed_total",
          "gridshift_upgrades_failed_total",
          "gridshift_step_duration_seconds_count",
          "gridshift_gate_wait_seconds_count",
          "gridshift_sync_data_entries_per_second",
          "gridshift_agent_info");

  private final WorkerMetrics metrics = new WorkerMetrics();
  private WorkerObservability endpoint;

  /** The metrics scope the demo's Temporal stubs report the SDK's metrics to. */
  Scope scope() {
    return metrics.scope();
  }

  /**
   * Serves the running worker's health and metrics and says where to look, with the command that
   * lists the Events on {@code statefulset/<grid>}.
   */
  void serve(
      WorkflowServiceStubs stubs,
      TemporalAccess access,
      GridshiftWorker worker,
      SandboxConnection sandbox,
      String namespace,
      String grid,
      PrintStream out)
      throws IOException {
    endpoint = WorkerObservability.start("127.0.0.1", 0, metrics, stubs, access, worker.clusters());
    out.printf(
        "  Metrics: %s (Prometheus text; health at /healthz and /readyz)%n", endpoint.metricsUrl());
    out.printf(
        "  Events:  kubectl --kubeconfig %s -n %s describe statefulset %s%n",
        sandbox.kubeconfig(), namespace, grid);
  }

  /**
   * The report's read-back: the Events upgrade {@code workflowId} wrote in {@code namespace} and
   * the key series of {@code /metrics}, once the upgrade's outcome is counted (counters reach the
   * registry within a second of the event).
   */
  DemoReport.Observability readBack(
      KubernetesClient kubernetes, String namespace, String workflowId)
      throws IOException, InterruptedException {
    PrometheusText scraped = PrometheusText.scrape(endpoint.metricsUrl());
    for (int i = 0; i < 50 && !outcomeCounted(scraped); i++) {
      Thread.sleep(100);
      scraped = PrometheusText.scrape(endpoint.metricsUrl());
    }
    Map<String, Double> series = new LinkedHashMap<>();
    for (String name : KEY_SERIES) {
      for (PrometheusText.Sample sample : scraped.find(name, Map.of())) {
        series.put(seriesName(sample), sample.value());
      }
    }
    return new DemoReport.Observability(
        endpoint.metricsUrl(),
        GridEvents.ofWorkflow(kubernetes, namespace, workflowId).size(),
        series);
  }

  private static boolean outcomeCounted(PrometheusText scraped) {
    return !scraped.find("gridshift_upgrades_completed_total", Map.of()).isEmpty()
        || !scraped.find("gridshift_upgrades_failed_total", Map.of()).isEmpty();
  }

  /** {@code name{label="value",...}}, labels sorted, as Prometheus writes a series. */
  static String seriesName(PrometheusText.Sample sample) {
    if (sample.labels().isEmpty()) {
      return sample.name();
    }
    return new TreeMap<>(sample.labels())
        .entrySet().stream()
            .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
            .collect(Collectors.joining(",", sample.name() + "{", "}"));
  }

  /**
   * Prints what the read-back found, in a few lines (every series is in the report): the outcome
   * counters, how many steps and gates were timed, and the sync rates.
   */
  static void print(DemoReport.Observability observed, String namespace, PrintStream out) {
    Map<String, Double> series = observed.metricsScraped();
    out.printf(
        "%nObservability: %d Kubernetes Events written in namespace %s; from %s:%n",
        observed.eventsWritten(), namespace, observed.metricsUrl());
    out.printf(
        "  upgrades started %s, completed %s, failed %s; %d steps and %d gates timed%n",
        total(series, "gridshift_upgrades_started_total"),
        total(series, "gridshift_upgrades_completed_total"),
        total(series, "gridshift_upgrades_failed_total"),
        count(series, "gridshift_step_duration_seconds_count"),
        count(series, "gridshift_gate_wait_seconds_count"));
    series.forEach(
        (name, value) -> {
          if (name.startsWith("gridshift_sync_data_entries_per_second")) {
            out.printf("  %s %.0f%n", name, value);
          }
        });
  }

  private static long total(Map<String, Double> series, String name) {
    return Math.round(
        series.entrySet().stream()
            .filter(e -> e.getKey().startsWith(name))
            .mapToDouble(Map.Entry::getValue)
            .sum());
  }

  private static long count(Map<String, Double> series, String name) {
    return series.keySet().stream().filter(k -> k.startsWith(name + "{")).count();
  }

  @Override
  public void close() {
    if (endpoint != null) {
      endpoint.close();
    } else {
      metrics.close();
    }
  }
}
