package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.demo.DemoOptions;
import io.gridshift.demo.DemoReport;
import io.gridshift.demo.HazelcastDemo;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ./gridshift demo hazelcast --from 5.3.8 --to 5.5.0 --yes}, end to end in a sandbox of its
 * own: the blue-green path through the real worker, the sandbox's StatefulSet controller, pods and
 * Service routing, with the traffic probe (a unisocket client through the Service) pausing its
 * writes at gate writes-paused and writing again after the switch. Small data (3,000 entries) keeps
 * it to about a minute and a half; the figures at 100,000 entries are in
 * bench/HAZELCAST-BLUE-GREEN.md.
 */
class HazelcastBlueGreenDemoEndToEndIT {
  static {
    // As ./gridshift runs the demo: the Hazelcast clients log through SLF4J, not to stdout.
    System.setProperty("hazelcast.logging.type", "slf4j");
  }

  @Test
  void theDemoMovesEveryKeyToANewMinorUnderTrafficWithAShortWritePause() throws Exception {
    Path dir = Files.createTempDirectory("gridshift-bg-demo");
    Path reportFile = dir.resolve("report.json");
    DemoOptions options =
        DemoOptions.parse(
            new String[] {
              "hazelcast",
              "--from",
              "5.3.8",
              "--to",
              "5.5.0",
              "--yes",
              "--entries",
              "3000",
              "--rate",
              "60",
              "--baseline",
              "2",
              "--report",
              reportFile.toString(),
              "--work-dir",
              dir.resolve("work").toString()
            });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    DemoReport result =
        new HazelcastDemo(options, SandboxOptions.ephemeral(options.workDir()), out).run();

    String transcript = printed.toString(StandardCharsets.UTF_8);
    assertThat(result.status()).as(transcript).isEqualTo("COMPLETED");
    assertThat(transcript)
        .contains("blue-green")
        .contains("traffic probe: writes to caches [sessions] paused")
        .contains("traffic probe: writes to caches [sessions] resumed");
    assertThat(result.members())
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.version()).isEqualTo("5.5.0"));
    assertThat(result.maps())
        .hasSize(2)
        .allSatisfy(
            m -> {
              assertThat(m.entriesAfter()).as(m.name()).isEqualTo(m.entriesBefore());
              assertThat(m.writePauseMs()).as(m.name() + " writePauseMs").isNotNull().isPositive();
            });
    JsonNode report = Json.mapper().readTree(Files.readString(reportFile));
    report.get("maps").forEach(m -> assertThat(m.has("writePauseMs")).isTrue());
    JsonNode traffic = report.get("traffic");
    assertThat(traffic.get("lostWrites").asLong()).as(transcript).isZero();
  }
}
