package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosReportTest {
  private static RunResult run(
      int i, String scenario, String outcome, boolean expected, long lost) {
    return new RunResult(
        i,
        "infinispan",
        scenario,
        i,
        List.of(new Fault("worker-kill", 12.5, "sync-data", "SIGKILL")),
        outcome,
        expected,
        "COMPLETED",
        "done",
        "wf-" + i,
        90,
        null,
        1,
        0,
        0,
        0,
        lost,
        3,
        0,
        List.of(),
        0,
        1000);
  }

  @Test
  void summaryCountsOutcomesAndAddsUpTheLosses() {
    ChaosReport report =
        ChaosReport.of(
            List.of(
                run(0, "worker-kills", RunResult.COMPLETED, true, 0),
                run(1, "crash-loop", RunResult.COMPENSATED, true, 0),
                run(2, "worker-kills", RunResult.COMPLETED, false, 2),
                run(3, "api-faults", RunResult.HUNG, false, 0)));
    ChaosReport.Summary s = report.summary();
    assertThat(s.runs()).isEqualTo(4);
    assertThat(s.completed()).isEqualTo(2);
    assertThat(s.compensatedAsDesigned()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.unexpected()).isEqualTo(2);
    assertThat(s.lostWrites()).isEqualTo(2);
    assertThat(s.workerKills()).isEqualTo(4);
    assertThat(s.clientErrors()).isEqualTo(12);
  }

  @Test
  void outcomeIsCompletedOnlyForCompletedAndARollbackOnlyWhereExpected() {
    UpgradeStatus failed =
        new UpgradeStatus(
            "w", "infinispan", Phase.FAILED, null, List.of(), null, List.of(), false, "x", null);
    UpgradeStatus done =
        new UpgradeStatus(
            "w", "infinispan", Phase.COMPLETED, null, List.of(), null, List.of(), false, "x", null);
    assertThat(ChaosRun.outcome(Scenario.WORKER_KILLS, done)).isEqualTo(RunResult.COMPLETED);
    assertThat(ChaosRun.outcome(Scenario.WORKER_KILLS, failed)).isEqualTo(RunResult.FAILED);
    assertThat(ChaosRun.outcome(Scenario.CRASH_LOOP, failed)).isEqualTo(RunResult.COMPENSATED);
    assertThat(ChaosRun.outcome(Scenario.CRASH_LOOP, null)).isEqualTo(RunResult.HUNG);
  }

  @Test
  void markdownShowsTheSummaryEveryScenarioAndTheRunsNotAsRequired() {
    ChaosReport report =
        ChaosReport.of(
            List.of(
                run(0, "worker-kills", RunResult.COMPLETED, true, 0),
                run(1, "worker-kills", RunResult.COMPLETED, false, 2)));
    String md =
        ChaosMarkdown.render(
            ChaosOptions.parse(new String[0], Path.of("/r")),
            report,
            new AgentGone(61.2, "FAILED", "no worker serves cluster gone"),
            "bench/chaos --runs 2");
    assertThat(md)
        .contains("| 2 | 2 | 0 | 0 | 1 |")
        .contains("| worker-kills | infinispan | 2 | 1/2 |")
        .contains("after 61.2 s")
        .contains("## Runs not as required")
        .contains("run 1 (infinispan, worker-kills, seed 1)");
  }
}
