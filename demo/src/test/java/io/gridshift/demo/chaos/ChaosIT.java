package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized subset of {@code bench/chaos}: three full upgrades on real grids in one lane (a
 * sandbox of its own on ephemeral ports), each under the traffic probe and one scenario's faults:
 * an Infinispan upgrade whose worker is SIGKILLed 2-3 times, a Hazelcast roll with 5% of the
 * worker's Kubernetes API calls failing, and an Infinispan upgrade to a target that crash-loops.
 * Each must show what its scenario requires (completed, or rolled back as designed) with no key
 * missing, no acknowledged write lost and no destructive action repeated.
 */
class ChaosIT {
  @TempDir Path dir;

  @Test
  void upgradesSurviveWorkerKillsApiFaultsAndACrashLoopingTarget() throws Exception {
    Path report = dir.resolve("chaos.json");
    ChaosOptions options =
        ChaosOptions.parse(
            new String[] {
              "--runs", "3",
              "--seed", "7",
              "--scenarios", "worker-kills,api-faults,crash-loop",
              "--kinds", "infinispan,hazelcast,infinispan",
              "--lanes", "1",
              "--entries", "2000",
              "--rate", "40",
              "--report", report.toString(),
              "--results", dir.resolve("CHAOS.md").toString(),
              "--dir", dir.resolve("lanes").toString()
            },
            dir);
    assertThat(options.plan())
        .extracting(p -> p.kind() + "/" + p.scenario().id())
        .containsExactly(
            "infinispan/worker-kills", "hazelcast/api-faults", "infinispan/crash-loop");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ChaosReport result =
        new ChaosBenchmark(options, new PrintStream(printed, true, StandardCharsets.UTF_8))
            .run("ChaosIT");

    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.print(output); // what each run showed, in the build log
    assertThat(result.runs()).as(output).hasSize(3);
    for (RunResult run : result.runs()) {
      assertThat(run.expected()).as(run + "\n" + output).isTrue();
      assertThat(run.missingKeys()).isZero();
      assertThat(run.lostWrites()).isZero();
      assertThat(run.duplicateDestructiveActions()).isZero();
    }
    RunResult kills = result.runs().get(0);
    assertThat(kills.outcome()).isEqualTo(RunResult.COMPLETED);
    assertThat(kills.workerKills()).isBetween(2, 3);
    RunResult api = result.runs().get(1);
    assertThat(api.outcome()).isEqualTo(RunResult.COMPLETED);
    assertThat(api.apiFaults()).isPositive();
    RunResult crash = result.runs().get(2);
    assertThat(crash.outcome()).isEqualTo(RunResult.COMPENSATED);
    assertThat(crash.detectionSeconds()).isNotNull();

    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    for (String field :
        List.of(
            "runs",
            "completed",
            "compensatedAsDesigned",
            "failed",
            "workerKills",
            "apiFaults",
            "gridFaults",
            "missingKeys",
            "lostWrites",
            "clientErrors",
            "duplicateDestructiveActions")) {
      assertThat(json.path("summary").has(field)).as("summary.%s", field).isTrue();
    }
    assertThat(json.path("summary").path("runs").asInt()).isEqualTo(3);
    for (String field :
        List.of(
            "kind",
            "seed",
            "faults",
            "outcome",
            "workerKills",
            "apiFaults",
            "gridFaults",
            "missingKeys",
            "lostWrites",
            "clientErrors",
            "duplicateDestructiveActions")) {
      assertThat(json.path("runs").get(0).has(field)).as("runs[0].%s", field).isTrue();
    }
    assertThat(Files.readString(dir.resolve("CHAOS.md"))).contains("| worker-kills | infinispan |");
  }
}
