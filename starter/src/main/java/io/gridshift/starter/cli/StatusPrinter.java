package io.gridshift.starter.cli;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Renders an {@link UpgradeStatus} as a readable table for a terminal. */
public final class StatusPrinter {
  private StatusPrinter() {}

  /**
   * Prints the whole status: header, steps, caches, open gate (with the approve command), audit.
   */
  public static void print(UpgradeStatus s, PrintStream out) {
    out.printf(
        "%s  [%s]  phase %s%s%n",
        s.workflowId(), s.kind(), s.phase(), s.paused() ? " (paused)" : "");
    if (s.message() != null && !s.message().isBlank()) {
      out.println("  " + s.message());
    }
    out.printf("%n  %-22s %-17s %-9s %-8s %s%n", "STEP", "STATE", "STARTED", "TOOK", "DETAIL");
    for (StepStatus step : s.steps()) {
      out.printf(
          "  %-22s %-17s %-9s %-8s %s%n",
          step.name(),
          step.state(),
          clock(step.startedAt()),
          took(step.startedAt(), step.endedAt()),
          step.message() == null ? "" : step.message());
    }
    if (s.caches() != null && !s.caches().isEmpty()) {
      out.printf(
          "%n  %-20s %-14s %12s %12s %12s %8s%n",
          "CACHE", "STATE", "SOURCE", "TARGET", "SYNCED", "MISSING");
      for (CacheProgress c : s.caches()) {
        out.printf(
            "  %-20s %-14s %12d %12d %12d %8d%n",
            c.name(),
            c.state(),
            c.sourceEntries(),
            c.targetEntries(),
            c.synchronizedEntries(),
            c.missingKeys());
      }
    }
    OpenGate gate = s.openGate();
    if (gate != null) {
      out.printf(
          "%n  Gate '%s' is open until %s (then %s).%n",
          gate.name(), gate.deadline(), gate.onTimeout());
      out.printf("    approve: %s%n", approveCommand(s.workflowId(), gate.name(), "approve"));
      out.printf("    reject:  %s%n", approveCommand(s.workflowId(), gate.name(), "reject"));
      if (gate.fourEyes()) {
        out.printf("    four-eyes: %s may not approve their own upgrade%n", gate.requestedBy());
      }
    }
    if (s.audit() != null && !s.audit().isEmpty()) {
      out.printf("%n  AUDIT%n");
      for (AuditEntry a : s.audit()) {
        out.printf(
            "  %s  %-15s %-16s by %-10s %s%s%n",
            a.at(),
            a.action(),
            a.gate() == null ? "" : a.gate(),
            a.by() == null ? "-" : a.by(),
            a.comment() == null ? "" : "\"" + a.comment() + "\"",
            a.reason() == null ? "" : " (" + a.reason() + ")");
      }
    }
  }

  /** The exact command that decides a gate. */
  public static String approveCommand(String workflowId, String gate, String verb) {
    return "./gridshift " + verb + " " + workflowId + " " + gate + " --by NAME --comment TEXT";
  }

  private static String clock(String iso) {
    return iso == null ? "" : iso.substring(Math.min(11, iso.length()), Math.min(19, iso.length()));
  }

  /** How long a step took (or has been running), e.g. {@code 12.3s} or {@code 2m5s}. */
  public static String took(String start, String end) {
    if (start == null) {
      return "";
    }
    Instant from = Instant.parse(start);
    Instant to = end == null ? Instant.now() : Instant.parse(end);
    Duration d = Duration.between(from, to);
    long s = d.toSeconds();
    return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : d.toMillis() / 100 / 10.0 + "s";
  }
}
