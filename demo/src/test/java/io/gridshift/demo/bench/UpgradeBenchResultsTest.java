package io.gridshift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RESULTS.md judges each measured figure against its target, from the files the runs wrote. */
class UpgradeBenchResultsTest {
  @TempDir Path dir;

  private static String report(long errors, long lost, double p99, long overheadMs) {
    return """
        {"workflowId": "w", "status": "COMPLETED",
         "steps": [{"name": "plan", "status": "SUCCEEDED",
                    "startedAt": "2026-12-05T10:00:00Z", "endedAt": "2026-12-05T10:00:01.500Z"}],
         "traffic": {"ops": 1000, "errors": %d, "lostWrites": %d, "unreadableKeys": 0,
                     "latencyMs": {"baseline": {"ops": 100, "p50": 1.0, "p99": 10.0, "max": 20.0},
                                   "during": {"ops": 900, "p50": 2.0, "p99": %s, "max": 90.0}},
                     "errorsByStep": {"roll": %d}},
         "overhead": {"wallMs": 101000, "gateWaitMs": 1000, "irreducibleMs": 90000,
                      "irreducibleByKind": {"podStarts": 60000, "gracefulShutdowns": 500},
                      "overheadMs": %d, "overheadPercent": %s, "reactionMs": [100, 300, 200, 900]}}
        """
        .formatted(errors, lost, p99, errors, overheadMs, overheadMs / 1000.0);
  }

  private String markdown(String ispn, String hz, List<String> sync) throws Exception {
    Files.writeString(dir.resolve("i.json"), ispn);
    Files.writeString(dir.resolve("h.json"), hz);
    Files.write(dir.resolve("sync.txt"), sync);
    return new UpgradeBenchResults(
            Map.of(
                "infinispan",
                dir.resolve("i.json").toString(),
                "hazelcast",
                dir.resolve("h.json").toString(),
                "sync",
                dir.resolve("sync.txt").toString(),
                "entries",
                "100000",
                "rate",
                "200",
                "command",
                "bench/upgrade-demos --rate 200 "))
        .markdown();
  }

  @Test
  void eachFigureIsJudgedAgainstItsTarget() throws Exception {
    String md =
        markdown(
            report(0, 0, 25.0, 4000),
            report(3, 2, 45.0, 6000),
            List.of(
                "RESULT round=1 variant=default seconds=60.00",
                "SUMMARY variant=default (x) rounds=1 median=60.00s speedup=1.00x complete=true",
                "SUMMARY variant=tuned (y) rounds=1 median=37.50s speedup=1.60x complete=true",
                "some other log line"));

    assertThat(md)
        .contains("Written by `bench/upgrade-demos --rate 200` from runs that ended ")
        .contains("| client errors | 0 | 0 (met) | 3 (**missed**) |")
        .contains("| lost writes | 0 | 0 (met) | 2 (**missed**) |")
        .contains("25.00 / 10.00 ms = 2.50x (met) | 45.00 / 10.00 ms = 4.50x (**missed**)")
        .contains("4.0 s of 100.0 s = 4.0 % (met) | 6.0 s of 100.0 s = 6.0 % (**missed**)")
        .contains("median 250 ms, max 900 ms over 4 waits (met)")
        .contains("**1.60x (met)**")
        .contains("podStarts 60.0 s, gracefulShutdowns 0.5 s")
        .contains("Errors by step: roll 3")
        .contains("| plan | SUCCEEDED | 1.5 |")
        .contains("SUMMARY variant=tuned")
        .doesNotContain("some other log line");
  }

  @Test
  void aDemoThatWroteNoReportAndAMissingSyncRunAreSaidSo() throws Exception {
    Files.writeString(dir.resolve("h.json"), report(0, 0, 10.0, 1000));
    String md =
        new UpgradeBenchResults(
                Map.of(
                    "infinispan",
                    dir.resolve("absent.json").toString(),
                    "hazelcast",
                    dir.resolve("h.json").toString(),
                    "entries",
                    "1000",
                    "rate",
                    "50"))
            .markdown();

    assertThat(md)
        .contains(
            "| upgrade status | COMPLETED | NO REPORT (the demo did not finish) | COMPLETED |")
        .contains("| client errors | 0 | not measured | 0 (met) |")
        .contains("tuned over default, median seconds): **not measured**")
        .contains("Not run (`--skip-sync`).");
  }

  @Test
  void tunedBelowTheTargetIsMissed() {
    assertThat(
            UpgradeBenchResults.syncSpeedup(
                List.of("SUMMARY variant=tuned (y) rounds=2 median=50.00s speedup=1.20x")))
        .isEqualTo("1.20x (missed)");
  }
}
