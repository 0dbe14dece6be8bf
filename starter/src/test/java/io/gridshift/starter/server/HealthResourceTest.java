package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Admin port: health check {@code temporal} (healthy here), per-resource timers, the probes {@code
 * /healthz} and {@code /readyz}, and Prometheus text at {@code /prometheus}.
 */
class HealthResourceTest extends ServerTestSupport {
  /** The metric contract shared with the dashboard, the alerts and the worker. */
  static final Path CONTRACT = Path.of("..", "deploy", "monitoring", "metrics.txt");

  @Test
  void temporalHealthCheckIsHealthy() {
    Response r = admin("/healthcheck");
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("%s", body).isEqualTo(200);
    assertThat(body.path("temporal").path("healthy").asBoolean()).isTrue();
    assertThat(body.path("temporal").path("message").asText()).contains("answers");
  }

  @Test
  void everyResourceMethodHasATimer() {
    get("bob", "/api/me").close();
    JsonNode timers = json(admin("/metrics")).path("timers");
    assertThat(timers.has(UpgradesResource.class.getName() + ".start")).isTrue();
    assertThat(timers.has(UpgradesResource.class.getName() + ".list")).isTrue();
    assertThat(timers.has(UpgradeResource.class.getName() + ".approve")).isTrue();
    assertThat(timers.path(MeResource.class.getName() + ".me").path("count").asInt()).isPositive();
  }

  @Test
  void healthzAnswersWhileTheProcessRuns() {
    Response r = admin("/healthz");
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.readEntity(String.class)).isEqualTo("ok\n");
  }

  @Test
  void readyzIsReadyWhenTemporalAnswers() {
    Response r = admin("/readyz");
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).as(body).isEqualTo(200);
    assertThat(body).startsWith("ready: Temporal at in-process answers");
  }

  @Test
  void prometheusCountsRequestsByMethodAndStatusWithTheContractsNames() throws IOException {
    double okBefore = sample(scrape(), "gridshift_http_requests_total", "GET", "200");
    get("bob", "/api/me").close();
    get("bob", "/api/me").close();
    get(null, "/api/me").close();

    Response r = admin("/prometheus");
    String text = r.readEntity(String.class);
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getHeaderString("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(sample(text, "gridshift_http_requests_total", "GET", "200"))
        .isGreaterThanOrEqualTo(okBefore + 2);
    assertThat(sample(text, "gridshift_http_requests_total", "GET", "401")).isPositive();
    assertThat(text)
        .contains("# TYPE gridshift_http_request_duration_seconds histogram")
        .contains(
            "gridshift_http_request_duration_seconds_bucket{method=\"GET\",status=\"200\","
                + "le=\"0.005\"} ")
        .contains("gridshift_http_request_duration_seconds_count{method=\"GET\",status=\"200\"}")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_threads_live_threads ");
    // Every REST-service name of the shared contract is served, with the contract's labels.
    for (String line : contractLines("gridshift_http_")) {
      String name = line.substring(0, line.indexOf('{'));
      assertThat(text).as(line).contains("# TYPE " + name + " ");
      assertThat(line).contains("{method,status}");
    }
  }

  /** The value of {@code name{method,status}} in a scrape; 0 when absent. */
  static double sample(String scrape, String name, String method, String status) {
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + Pattern.quote(name + "{method=\"" + method + "\",status=\"" + status + "\"}")
                    + " (\\S+)$")
            .matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  static List<String> contractLines(String prefix) throws IOException {
    List<String> lines =
        Files.readAllLines(CONTRACT).stream().filter(l -> l.startsWith(prefix)).toList();
    assertThat(lines).as("%s names in %s", prefix, CONTRACT).isNotEmpty();
    return lines;
  }

  static String scrape() {
    return admin("/prometheus").readEntity(String.class);
  }

  static Response admin(String path) {
    return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + path).request().get();
  }
}
