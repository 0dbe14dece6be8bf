package io.gridshift.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.client.TemporalAccess;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics} over HTTP, with a real Temporal test
 * server and a Kubernetes API (the fabric8 mock) that answer, and with both gone.
 */
@EnableKubernetesMockClient(crud = true)
class ObservabilityEndpointsTest {
  KubernetesClient kube;

  private static TestWorkflowEnvironment temporal;
  private static KubernetesClient nowhere;
  private static WorkflowServiceStubs down;

  @BeforeAll
  static void start() throws Exception {
    temporal = TestWorkflowEnvironment.newInstance();
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    nowhere =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + closed)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    down =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + closed).build());
  }

  @AfterAll
  static void stop() {
    down.shutdownNow();
    nowhere.close();
    temporal.close();
  }

  @Test
  void readyWhenTemporalAndTheClusterAnswerWithTheAgentInfoOfEachServedCluster() throws Exception {
    try (WorkerObservability o =
        WorkerObservability.start(
            "127.0.0.1",
            0,
            new WorkerMetrics(),
            temporal.getWorkflowServiceStubs(),
            TemporalAccess.plain("in-process"),
            List.of(ClusterAccess.of("east", kube)))) {
      String base = "http://127.0.0.1:" + o.port();
      assertThat(o.metricsUrl()).isEqualTo(base + "/metrics");
      assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = awaitReady(base + "/readyz");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ready\n");
      HttpResponse<String> metrics = get(base + "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
      PrometheusText scraped = PrometheusText.parse(metrics.body());
      assertThat(scraped.find("gridshift_agent_info", Map.of()))
          .containsExactly(
              new PrometheusText.Sample("gridshift_agent_info", Map.of("cluster", "east"), 1.0));
      assertThat(get(base + "/metricsx").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void notReadyWithTheReasonWhenTemporalOrAClusterDoesNotAnswer() throws Exception {
    try (WorkerObservability o =
        WorkerObservability.start(
            "127.0.0.1",
            0,
            new WorkerMetrics(),
            down,
            TemporalAccess.plain(down.getOptions().getTarget()),
            List.of(ClusterAccess.of("east", kube), ClusterAccess.of("west", nowhere)))) {
      String base = "http://127.0.0.1:" + o.port();
      assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(base + "/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body())
          .startsWith("not ready: temporal 127.0.0.1:")
          .contains("; cluster west: the Kubernetes API at http://127.0.0.1:")
          .doesNotContain("cluster east")
          .endsWith("\n");
      assertThat(ready.body().strip()).doesNotContain("\n");
    }
  }

  /**
   * The first 200 of {@code url} within 30 s, else its last answer: on a loaded CI machine a first
   * call may miss the check's deadline, and the verdict is then kept 5 s.
   */
  private static HttpResponse<String> awaitReady(String url) throws Exception {
    HttpResponse<String> last = get(url);
    for (int i = 0; i < 60 && last.statusCode() != 200; i++) {
      Thread.sleep(500);
      last = get(url);
    }
    return last;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
