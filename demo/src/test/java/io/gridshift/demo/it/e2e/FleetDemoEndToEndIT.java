package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.demo.fleet.FleetDemo;
import io.gridshift.demo.fleet.FleetDemoOptions;
import io.gridshift.demo.fleet.FleetReport;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./gridshift demo fleet --yes} end to end, on ephemeral ports: three clusters with their
 * own agent processes, seven real grids, a schedule that fires the run, the gate approved through
 * the fleet API; the report says what the issue asks and the demo's verdict is success.
 */
class FleetDemoEndToEndIT {
  static {
    // As ./gridshift runs the demo: the Hazelcast clients log through SLF4J, not to stdout.
    System.setProperty("hazelcast.logging.type", "slf4j");
  }

  @Test
  void theFleetDemoUpgradesEveryGridButTheRefusedOneWithNothingLost() throws Exception {
    Path dir = Files.createTempDirectory("gridshift-fleet-demo");
    Path reportFile = dir.resolve("report.json");
    Path timelineFile = dir.resolve("timeline.html");
    FleetDemoOptions options =
        FleetDemoOptions.parse(
            new String[] {
              "--yes",
              "--report",
              reportFile.toString(),
              "--timeline",
              timelineFile.toString(),
              "--work-dir",
              dir.resolve("work").toString()
            });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new TeeStream(printed), true, StandardCharsets.UTF_8);

    FleetReport report =
        new FleetDemo(options, SandboxOptions.ephemeral(options.workDir()), out).run();

    assertThat(report.success()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
    JsonNode json = Json.mapper().readTree(Files.readString(reportFile));
    assertThat(json.get("fleet").get("status").asText()).isEqualTo("COMPLETED");
    assertThat(json.get("fleet").get("schedule").asText()).isEqualTo("shop-weekly");
    assertThat(json.get("fleet").get("id").asText()).startsWith("fleet-shop");
    assertThat(json.get("clusters")).hasSize(3);
    List<String> agents = new ArrayList<>();
    json.get("clusters").forEach(c -> agents.add(c.get("agent").asText()));
    // Each cluster answered through its own agent process, none through this JVM (workflows only).
    assertThat(agents)
        .doesNotHaveDuplicates()
        .noneMatch(a -> a.startsWith(ProcessHandle.current().pid() + "@"));
    assertThat(json.get("stages"))
        .extracting(s -> s.get("name").asText())
        .containsExactly("canary", "half", "rest");
    assertThat(json.get("stages").get(1).get("approvals").get(0).get("by").asText())
        .isEqualTo("demo");
    int upgraded = 0;
    for (JsonNode g : json.get("grids")) {
      if (g.get("name").asText().equals("ledger")) {
        assertThat(g.get("status").asText()).isEqualTo("REFUSED");
        assertThat(g.get("message").asText()).contains("shutdown");
        continue;
      }
      upgraded++;
      assertThat(g.get("status").asText()).as(g.toString()).isEqualTo("SUCCEEDED");
      assertThat(g.get("missingKeys").asLong()).as(g.toString()).isZero();
      assertThat(g.get("agent").asText())
          .isEqualTo(agents.get(clusterIndex(json, g.get("cluster").asText())));
    }
    assertThat(upgraded).isEqualTo(6);
    assertThat(json.get("grids"))
        .filteredOn(g -> !g.get("lostWrites").isNull())
        .extracting(g -> g.get("kind").asText())
        .as("probed grids, one of each kind")
        .containsExactlyInAnyOrder("hazelcast", "infinispan");
    assertThat(json.get("budget").get("maxFailures").asInt()).isEqualTo(1);
    assertThat(json.get("budget").get("refused").asInt()).isEqualTo(1);
    assertThat(json.get("budget").get("failed").asInt())
        .as("the refused grid counts against its stage's budget")
        .isEqualTo(1);
    assertThat(json.get("fleet").get("wallSeconds").asDouble())
        .as("the issue's budget: 15 minutes on 2 cores")
        .isLessThan(15 * 60);
    String html = Files.readString(timelineFile);
    assertThat(html)
        .contains("data-lane=\"eu-1\"")
        .contains("data-lane=\"us-1\"")
        .contains("data-lane=\"ap-1\"")
        .contains("window opens")
        .contains("half approved by demo");
  }

  private static int clusterIndex(JsonNode report, String cluster) {
    for (int i = 0; i < report.get("clusters").size(); i++) {
      if (report.get("clusters").get(i).get("name").asText().equals(cluster)) {
        return i;
      }
    }
    throw new AssertionError("no cluster " + cluster + " in the report");
  }

  /** Prints to the test's output as it goes and keeps a copy for the failure message. */
  private static final class TeeStream extends java.io.OutputStream {
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
