package io.gridshift.demo;

import io.gridshift.starter.cli.StatusPrinter;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints what changed between two {@code status()} answers: steps, cache progress, what people did
 * (decisions, pauses, resumes, aborts, refusals, from the audit log) and gates that opened.
 */
final class ProgressPrinter {
  private final PrintStream out;
  private final DemoCommands commands;
  private final Map<String, StepState> steps = new HashMap<>();
  private final Map<String, String> caches = new HashMap<>();
  private final Set<String> announcedGates = new HashSet<>();
  private int auditSeen;

  ProgressPrinter(PrintStream out, DemoCommands commands) {
    this.out = out;
    this.commands = commands;
  }

  /** Prints changes; returns the gate that newly opened, or null. */
  OpenGate print(UpgradeStatus status) {
    // What people did first: a resume or a decision is why the next step starts.
    printAudit(status);
    for (StepStatus step : status.steps()) {
      StepState before = steps.put(step.name(), step.state());
      if (before != step.state() && step.state() != StepState.PENDING) {
        out.printf("  %-22s %-17s %s%n", step.name(), step.state(), detail(step));
      }
    }
    for (CacheProgress c : DemoReport.caches(status)) {
      String line = c.state() + " " + c.synchronizedEntries() + " " + c.targetEntries();
      if (!line.equals(caches.put(c.name(), line))) {
        out.printf(
            "      cache %-10s %-15s source %d, target %d, synced %d%n",
            c.name(), c.state(), c.sourceEntries(), c.targetEntries(), c.synchronizedEntries());
      }
    }
    OpenGate gate = status.openGate();
    if (gate != null && announcedGates.add(gate.name() + gate.openedAt())) {
      return gate;
    }
    return null;
  }

  /**
   * The audit entries not printed yet. Gate openings are announced with their commands, and gate
   * decisions show on the gate's step line ("approved by alice: comment"), so neither is repeated.
   */
  private void printAudit(UpgradeStatus status) {
    List<AuditEntry> audit = status.audit() == null ? List.of() : status.audit();
    for (int i = auditSeen; i < audit.size(); i++) {
      String line = describe(audit.get(i), status.workflowId());
      if (line != null) {
        out.println(line);
      }
    }
    auditSeen = Math.max(auditSeen, audit.size());
  }

  private String describe(AuditEntry a, String workflowId) {
    String why = a.comment() == null || a.comment().isBlank() ? "" : ": \"" + a.comment() + "\"";
    return switch (a.action()) {
      case GATE_OPENED, APPROVED, REJECTED -> null;
      case SKIPPED, RETRIED -> null; // a fleet's grid actions: a single upgrade never has them
      case EXPIRED -> String.format("  gate %-18s expired: nobody decided in time", a.gate());
      case PAUSED ->
          String.format(
              "  PAUSED by %s%s. A step under way finishes and an open gate can still be"
                  + " decided, but no%n  new step starts until someone resumes the upgrade:%n"
                  + "    %s%n",
              a.by(), why, commands.control("resume", workflowId));
      case RESUMED -> String.format("  resumed by %s%s: the upgrade goes on", a.by(), why);
      case TOOK_OVER -> String.format("  taken over: %s", a.comment());
      case ABORT_REQUESTED ->
          String.format(
              "  abort requested by %s%s: the upgrade stops and undoes what it can", a.by(), why);
      case REFUSED ->
          String.format(
              "  refused%s (from %s): %s",
              a.gate() == null ? "" : " for gate " + a.gate(),
              a.by() == null ? "someone unnamed" : a.by(),
              a.reason());
    };
  }

  private static String detail(StepStatus step) {
    String took =
        step.endedAt() == null
            ? ""
            : "(" + StatusPrinter.took(step.startedAt(), step.endedAt()) + ") ";
    return took + (step.message() == null ? "" : step.message());
  }
}
