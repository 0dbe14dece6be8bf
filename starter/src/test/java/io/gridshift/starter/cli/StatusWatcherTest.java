package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StatusWatcher} alone, over a scripted sequence of statuses: one line per change, the exit
 * code each ending means, and the interval syntax. (The CLI tests watch real workflows.)
 */
class StatusWatcherTest {

  @Test
  void printsALineOnlyWhenSomethingChangedAndStopsWhenItCompletes() {
    ArrayDeque<UpgradeStatus> script =
        new ArrayDeque<>(
            List.of(
                status(Phase.RUNNING, "deploy-target", StepState.RUNNING, null),
                status(Phase.RUNNING, "deploy-target", StepState.RUNNING, null),
                status(Phase.RUNNING, "sync-data", StepState.RUNNING, null),
                status(Phase.COMPLETED, null, null, null)));
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    StatusWatcher watcher =
        new StatusWatcher(
            id -> script.poll(),
            new PrintStream(lines, true, StandardCharsets.UTF_8),
            Duration.ofMillis(100));

    StatusWatcher.Outcome outcome = watcher.watch("dg");

    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(script).isEmpty();
    assertThat(lines.toString(StandardCharsets.UTF_8).lines().map(l -> l.substring(22)))
        .containsExactly(
            "RUNNING  step deploy-target RUNNING", "RUNNING  step sync-data RUNNING", "COMPLETED");
  }

  @Test
  void anOpenGateAndEveryUnsuccessfulEndHaveTheirOwnExitCode() {
    OpenGate gate =
        new OpenGate(
            "cutover", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", null, "alice", false);
    assertThat(StatusWatcher.verdict(status(Phase.WAITING_APPROVAL, "cutover", null, gate)))
        .isEqualTo(ExitCodes.GATE_OPEN);
    for (Phase ended : List.of(Phase.FAILED, Phase.ABORTED, Phase.NEEDS_ATTENTION)) {
      assertThat(StatusWatcher.verdict(status(ended, null, null, null)))
          .as(ended.name())
          .isEqualTo(ExitCodes.UPGRADE_FAILED);
    }
    for (Phase going : List.of(Phase.PLANNING, Phase.RUNNING, Phase.PAUSED, Phase.COMPENSATING)) {
      assertThat(StatusWatcher.verdict(status(going, null, null, null))).as(going.name()).isNull();
    }
    assertThat(StatusWatcher.verdict(status(Phase.PLANNED, null, null, null)))
        .isEqualTo(ExitCodes.OK);
  }

  @Test
  void intervalsReadAsAPersonWritesThem() {
    assertThat(StatusWatcher.parseInterval("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(StatusWatcher.parseInterval("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(StatusWatcher.parseInterval("1.5")).isEqualTo(Duration.ofMillis(1500));
    assertThat(StatusWatcher.parseInterval("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> StatusWatcher.parseInterval("soon"))
        .hasMessageContaining("write e.g. 500ms, 2s, 1m");
    assertThatThrownBy(() -> StatusWatcher.parseInterval("10ms"))
        .hasMessageContaining("at least 100ms");
  }

  private static UpgradeStatus status(Phase phase, String step, StepState state, OpenGate gate) {
    List<StepStatus> steps =
        step == null || state == null
            ? List.of()
            : List.of(new StepStatus(step, state, null, null, 1, null));
    return new UpgradeStatus(
        "dg", "infinispan", phase, step, steps, gate, List.of(), false, null, null);
  }
}
