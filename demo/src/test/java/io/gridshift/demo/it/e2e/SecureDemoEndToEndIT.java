package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.demo.DemoReport;
import io.gridshift.demo.HazelcastDemo;
import io.gridshift.demo.InfinispanDemo;
import io.gridshift.demo.secure.SecureDemo;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.Json;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code ./gridshift demo infinispan|hazelcast --secure --yes} end to end, on ephemeral ports:
 * Temporal over mutual TLS only, payloads encrypted, the grid over TLS, gates approved by {@value
 * SecureDemo#APPROVER} through the REST service (the worker accepts signed decisions only, with
 * four-eyes) and the Kubernetes API enforcing {@code deploy/rbac} for the agent. Each upgrade
 * completes with nothing lost, nothing in clear in its raw histories and no RBAC refusal.
 */
class SecureDemoEndToEndIT {
  static {
    // As ./gridshift runs the demo: the Hazelcast clients log through SLF4J, not to stdout.
    System.setProperty("hazelcast.logging.type", "slf4j");
  }

  @Test
  void theSecureInfinispanDemoCompletesWithEverythingOn() throws Exception {
    JsonNode report = run("infinispan");

    assertThat(report.get("caches")).isNotEmpty();
    report.get("caches").forEach(c -> assertThat(c.get("loadedKeysMissing").asLong()).isZero());
  }

  @Test
  void theSecureHazelcastDemoCompletesWithEverythingOn() throws Exception {
    JsonNode report = run("hazelcast");

    report
        .get("maps")
        .forEach(m -> assertThat(m.get("entriesAfter")).isEqualTo(m.get("entriesBefore")));
  }

  private static JsonNode run(String kind) throws Exception {
    Path dir = Files.createTempDirectory("gridshift-secure-" + kind);
    Path reportFile = dir.resolve("report.json");
    io.gridshift.demo.DemoOptions options =
        io.gridshift.demo.DemoOptions.parse(
            new String[] {
              kind,
              "--secure",
              "--yes",
              "--entries",
              "2000",
              "--rate",
              "40",
              "--baseline",
              "2",
              "--report",
              reportFile.toString(),
              "--work-dir",
              dir.resolve("work").toString()
            });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new TeeStream(printed), true, StandardCharsets.UTF_8);
    SandboxOptions ephemeral = SandboxOptions.ephemeral(options.workDir());

    DemoReport result =
        kind.equals("infinispan")
            ? new InfinispanDemo(options, ephemeral, out).run()
            : new HazelcastDemo(options, ephemeral, out).run();

    String transcript = printed.toString(StandardCharsets.UTF_8);
    assertThat(result.status()).as(transcript).isEqualTo("COMPLETED");
    JsonNode report = Json.mapper().readTree(Files.readString(reportFile));
    JsonNode security = report.get("security");
    assertThat(security.get("temporalTls").asText()).isEqualTo("mutual TLS");
    assertThat(security.get("payloadsEncrypted").asBoolean()).isTrue();
    assertThat(security.get("gridTls").asBoolean()).isTrue();
    assertThat(security.get("approvals").asText()).isEqualTo("signed");
    assertThat(security.get("rbacEnforced").asBoolean()).isTrue();
    assertThat(security.get("plaintextFoundInHistory")).as(transcript).isEmpty();
    assertThat(security.get("rbacDenials").asLong()).as(transcript).isZero();
    // The gates people decide were decided by the approver through the REST service (the others
    // pass automatically, as gridshift); the requester decided none.
    assertThat(report.get("approvals"))
        .extracting(a -> a.get("by").asText())
        .contains(SecureDemo.APPROVER)
        .doesNotContain(SecureDemo.REQUESTER);
    assertThat(report.get("traffic").get("lostWrites").asLong()).isZero();
    assertObservable(kind, report, transcript);
    return report;
  }

  /**
   * Issue 15: the demo said where its metrics and Events are, and its report read both back: the
   * upgrade counted once as completed, its steps timed, and at least one Event per step.
   */
  private static void assertObservable(String kind, JsonNode report, String transcript) {
    assertThat(transcript).contains("Metrics: http://127.0.0.1:", "describe statefulset");
    JsonNode observability = report.get("observability");
    assertThat(observability.get("metricsUrl").asText()).startsWith("http://127.0.0.1:");
    // A step that does not apply (SKIPPED, e.g. the blue-green steps of a rolling upgrade) writes
    // no Event.
    int stepsRun = 0;
    for (JsonNode step : report.get("steps")) {
      stepsRun += "SKIPPED".equals(step.path("status").asText()) ? 0 : 1;
    }
    assertThat(observability.get("eventsWritten").asInt()).isGreaterThanOrEqualTo(stepsRun);
    Map<String, Double> series = new TreeMap<>();
    observability
        .get("metricsScraped")
        .fields()
        .forEachRemaining(e -> series.put(e.getKey(), e.getValue().asDouble()));
    assertThat(series)
        .as(transcript)
        .containsEntry(
            "gridshift_upgrades_completed_total{cluster=\"sandbox\",kind=\"" + kind + "\"}", 1.0);
    assertThat(series.keySet())
        .anySatisfy(
            k ->
                assertThat(k)
                    .startsWith("gridshift_step_duration_seconds_count{kind=\"" + kind + "\""));
  }

  /** Prints to the test's output as it goes and keeps a copy for the failure message. */
  private static final class TeeStream extends OutputStream {
    private final ByteArrayOutputStream copy;

    TeeStream(ByteArrayOutputStream copy) {
      this.copy = copy;
    }

    @Override
    public void write(int b) {
      copy.write(b);
      System.out.write(b);
    }
  }
}
