package io.gridshift.starter.cli;

import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gridshift status ID --watch}: follows an upgrade over any transport.
 *
 * <ol>
 *   <li>Read the status; print one line when what a person cares about changed (phase, current step
 *       and its state, open gate, paused), never the same line twice.
 *   <li>Stop when a gate is open ({@link ExitCodes#GATE_OPEN}: a person must decide) or the upgrade
 *       ended: {@link ExitCodes#OK} when it completed (or a dry run planned), {@link
 *       ExitCodes#UPGRADE_FAILED} when it failed, was aborted or stopped needing attention.
 *   <li>Else wait the interval and read again. A transport failure ends the watch with its own exit
 *       code (not found, server unreachable).
 * </ol>
 */
final class StatusWatcher {
  private static final Pattern INTERVAL = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

  /** How the watch ended: the last status read and the exit code it means. */
  record Outcome(UpgradeStatus status, int exitCode) {}

  private final Function<String, UpgradeStatus> read;
  private final PrintStream progress;
  private final Duration interval;

  StatusWatcher(Function<String, UpgradeStatus> read, PrintStream progress, Duration interval) {
    this.read = read;
    this.progress = progress;
    this.interval = interval;
  }

  Outcome watch(String workflowId) {
    String last = null;
    while (true) {
      UpgradeStatus status = read.apply(workflowId);
      String line = line(status);
      if (!Objects.equals(line, last)) {
        progress.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + "  " + line);
        last = line;
      }
      Integer exitCode = verdict(status);
      if (exitCode != null) {
        return new Outcome(status, exitCode);
      }
      sleep();
    }
  }

  /** The exit code the watch ends with, or null to go on watching. */
  static Integer verdict(UpgradeStatus status) {
    if (status.openGate() != null) {
      return ExitCodes.GATE_OPEN;
    }
    Phase phase = status.phase();
    if (phase == null) {
      return null;
    }
    return switch (phase) {
      case COMPLETED, PLANNED -> ExitCodes.OK;
      case FAILED, ABORTED, NEEDS_ATTENTION -> ExitCodes.UPGRADE_FAILED;
      default -> null;
    };
  }

  /** What changed, as a person reads it: phase, step and state, gate, paused. */
  private static String line(UpgradeStatus s) {
    StringBuilder line = new StringBuilder(String.valueOf(s.phase()));
    if (s.currentStep() != null) {
      line.append("  step ").append(s.currentStep());
      if (s.steps() != null) {
        s.steps().stream()
            .filter(step -> step.name().equals(s.currentStep()))
            .map(StepStatus::state)
            .findFirst()
            .ifPresent(state -> line.append(' ').append(state));
      }
    }
    if (s.paused()) {
      line.append("  (paused)");
    }
    OpenGate gate = s.openGate();
    if (gate != null) {
      line.append("  gate '").append(gate.name()).append("' open until ").append(gate.deadline());
    }
    return line.toString();
  }

  /** {@code 500ms}, {@code 2s}, {@code 1m} or a number of seconds; at least 100 ms. */
  static Duration parseInterval(String text) {
    Matcher m = INTERVAL.matcher(text.trim());
    if (!m.matches()) {
      throw new CliException(
          ExitCodes.USAGE, "--interval '" + text + "' is not a duration; write e.g. 500ms, 2s, 1m");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    long millis = (long) (amount * (unit.equals("ms") ? 1 : unit.equals("s") ? 1_000 : 60_000));
    if (millis < 100) {
      throw new CliException(
          ExitCodes.USAGE, "--interval " + text + " is too short; use at least 100ms");
    }
    return Duration.ofMillis(millis);
  }

  private void sleep() {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted while watching");
    }
  }
}
