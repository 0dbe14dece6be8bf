package io.gridshift.sandbox.demo;

import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Prints what changed between two {@code status()} answers: steps, cache progress, gates. */
final class ProgressPrinter {
  private final PrintStream out;
  private final Map<String, StepState> steps = new HashMap<>();
  private final Map<String, String> caches = new HashMap<>();
  private final Set<String> announcedGates = new HashSet<>();

  ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  /** Prints changes; returns the gate that newly opened, or null. */
  OpenGate print(UpgradeStatus status) {
    for (StepStatus step : status.steps()) {
      StepState before = steps.put(step.name(), step.state());
      if (before != step.state() && step.state() != StepState.PENDING) {
        out.printf("  %-22s %-17s %s%n", step.name(), step.state(), detail(step));
      }
    }
    for (CacheProgress c : status.caches()) {
      String line = c.state() + " " + c.synchronizedEntries() + " " + c.targetEntries();
      if (!line.equals(caches.put(c.name(), line))) {
        out.printf(
            "      cache %-10s %-13s source %d, target %d, synced %d%n",
            c.name(), c.state(), c.sourceEntries(), c.targetEntries(), c.synchronizedEntries());
      }
    }
    OpenGate gate = status.openGate();
    if (gate != null && announcedGates.add(gate.name() + gate.openedAt())) {
      return gate;
    }
    return null;
  }

  private static String detail(StepStatus step) {
    String took =
        step.endedAt() == null
            ? ""
            : "("
                + io.gridshift.starter.cli.StatusPrinter.took(step.startedAt(), step.endedAt())
                + ") ";
    return took + (step.message() == null ? "" : step.message());
  }
}
