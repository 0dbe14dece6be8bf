package io.gridshift.demo.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverheadTest {
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  @Test
  void unionCountsOverlapsOnceAndMinusCutsHoles() {
    List<Interval> spans = List.of(iv(0, 10), iv(5, 15), iv(20, 30));
    assertThat(Interval.unionLength(spans)).isEqualTo(25);
    assertThat(Interval.minus(spans, List.of(iv(8, 22)))).containsExactly(iv(0, 8), iv(22, 30));
  }

  @Test
  void splitsWallTimeIntoGatesIrreducibleWaitsAndOverhead() {
    // 0-100 s upgrade: a gate 10-30, sync 40-60, one pod replaced: deletion 60-65, new pod
    // created 65, Ready 75 with minReadySeconds 5, rebalancing 75-78.
    UpgradeStatus status =
        status(
            step("plan", 0, 2),
            step("gate:switch-traffic", 10, 30),
            step("sync-data", 40, 60),
            step("roll", 60, 100));
    List<PodLife> pods =
        List.of(
            new PodLife("old", T0 - 500_000, T0 - 400_000, 5, ms(60), ms(65)),
            new PodLife("new", ms(65), ms(75), 5, 0, 0));
    Overhead o = Overhead.compute(status, pods, List.of(new Interval(ms(75), ms(78))));

    assertThat(o.wallMs()).isEqualTo(100_000);
    assertThat(o.gateWaitMs()).isEqualTo(20_000);
    assertThat(o.irreducibleByKind())
        .containsEntry("dataSync", 20_000L)
        .containsEntry("gracefulShutdowns", 5_000L)
        .containsEntry("podStarts", 10_000L)
        .containsEntry("minReadySeconds", 5_000L)
        .containsEntry("rebalancing", 3_000L);
    // 40-80 is covered without a gap (sync, shutdown, start, minReady overlapping rebalancing).
    assertThat(o.irreducibleMs()).isEqualTo(40_000);
    assertThat(o.overheadMs()).isEqualTo(40_000);
    assertThat(o.overheadPercent()).isEqualTo(50.0);
    // In "roll" (60-100) the world is busy 60-80 (minReady and rebalancing end at 80): the step
    // ends 20 s after it went quiet.
    assertThat(o.reactionMs()).containsExactly(20_000L);
  }

  @Test
  void aPodStillStartingCountsUpToTheEnd() {
    UpgradeStatus status = status(step("roll", 0, 10));
    Overhead o = Overhead.compute(status, List.of(new PodLife("p", ms(4), 0, 0, 0, 0)), List.of());
    assertThat(o.irreducibleMs()).isEqualTo(6_000);
    assertThat(o.overheadPercent()).isEqualTo(40.0);
  }

  @Test
  void timePausedBetweenStepsCountsAsWaitingForPeopleNotOverhead() {
    // 0-100 s: deploy 0-30; paused at 20 (deploy runs on to 30), resumed at 70; sync 70-100.
    // Only 30-70 stood still because of the pause; nothing of it is the orchestrator's.
    UpgradeStatus status =
        status(
            List.of(step("deploy-target", 0, 30), step("sync-data", 70, 100)),
            List.of(audit(20, AuditEntry.Action.PAUSED), audit(70, AuditEntry.Action.RESUMED)));
    Overhead o =
        Overhead.compute(status, List.of(new PodLife("p", ms(0), ms(30), 0, 0, 0)), List.of());

    assertThat(o.pausedMs()).isEqualTo(40_000);
    assertThat(o.irreducibleMs()).isEqualTo(60_000);
    assertThat(o.overheadMs()).isZero();
    assertThat(o.overheadPercent()).isEqualTo(0.0);
  }

  @Test
  void aPauseOverlappingAGateIsCountedOnceAndAnUnresumedPauseLastsToTheEnd() {
    // Gate 10-40, paused 30-50 and again from 80 with no resume; steps 0-10, 50-80, 90-100.
    UpgradeStatus status =
        status(
            List.of(
                step("plan", 0, 10),
                step("gate:cutover", 10, 40),
                step("roll", 50, 80),
                step("verify", 90, 100)),
            List.of(
                audit(30, AuditEntry.Action.PAUSED),
                audit(50, AuditEntry.Action.RESUMED),
                audit(80, AuditEntry.Action.PAUSED)));
    Overhead o = Overhead.compute(status, List.of(), List.of());

    assertThat(o.gateWaitMs()).isEqualTo(30_000);
    // 40-50 after the gate, and 80-90 before the last step.
    assertThat(o.pausedMs()).isEqualTo(20_000);
    assertThat(o.overheadMs()).isEqualTo(50_000);
    assertThat(o.overheadPercent()).isEqualTo(100.0);
  }

  private static AuditEntry audit(long at, AuditEntry.Action action) {
    return new AuditEntry(
        Instant.ofEpochMilli(ms(at)).toString(), null, action, "alice", "window", null);
  }

  private static Interval iv(long a, long b) {
    return new Interval(a, b);
  }

  private static long ms(long seconds) {
    return T0 + seconds * 1000;
  }

  private static StepStatus step(String name, long from, long to) {
    return new StepStatus(
        name,
        StepState.SUCCEEDED,
        Instant.ofEpochMilli(ms(from)).toString(),
        Instant.ofEpochMilli(ms(to)).toString(),
        1,
        null);
  }

  private static UpgradeStatus status(StepStatus... steps) {
    return status(List.of(steps), List.of());
  }

  private static UpgradeStatus status(List<StepStatus> steps, List<AuditEntry> audit) {
    return new UpgradeStatus(
        "wf", "test", Phase.COMPLETED, null, steps, null, audit, false, null, null);
  }
}
