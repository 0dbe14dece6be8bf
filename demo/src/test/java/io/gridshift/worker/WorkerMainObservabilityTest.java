package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.gridshift.worker.observability.PrometheusText;
import io.gridshift.workflows.client.TemporalAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code gridshift worker} with an {@code observability} section serves its health and metrics once
 * it polls (the sandbox's Temporal, on loopback); without one it serves nothing, as before.
 */
class WorkerMainObservabilityTest {
  @Test
  void theWorkerServesHealthReadinessAndTheSdksMetricsWhenConfigured() throws Exception {
    try (LocalTemporalServer temporal = LocalTemporalServer.start(0)) {
      WorkerConfig config =
          new WorkerConfig(TemporalAccess.plain(temporal.target()), true, List.of())
              .withObservability(WorkerConfig.Observability.ephemeralLoopback());
      try (WorkerMain.Running running = WorkerMain.start(config, "test", "started")) {
        String base = "http://127.0.0.1:" + running.observability().port();
        assertThat(running.observability().metricsUrl()).isEqualTo(base + "/metrics");
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get(base + "/readyz");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        PrometheusText metrics = PrometheusText.scrape(running.observability().metricsUrl());
        assertThat(metrics.samples()).anyMatch(s -> s.name().startsWith("temporal_"));
        assertThat(metrics.find("jvm_threads_live_threads", Map.of())).isNotEmpty();
        assertThat(metrics.find("gridshift_agent_info", Map.of())).isEmpty();
      }
      try (WorkerMain.Running plain =
          WorkerMain.start(
              new WorkerConfig(TemporalAccess.plain(temporal.target()), true, List.of()),
              "test",
              "started")) {
        assertThat(plain.observability()).isNull();
      }
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
