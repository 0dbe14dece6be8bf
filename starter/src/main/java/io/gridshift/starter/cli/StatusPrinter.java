package io.gridshift.starter.cli;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.MapProgress;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Renders an {@link UpgradeStatus} as a readable table for a terminal. */
public final class StatusPrinter {
  private StatusPrinter() {}

  /**
   * Prints the whole status: header, steps, caches, open gate (with the approve command), audit.
   */
  public static void print(UpgradeStatus s, PrintStream out) {
    print(s, out, "");
  }

  /**
   * Prints the whole status; {@code commandOptions} are appended to the printed approve/reject
   * commands (e.g. {@code --server URL}, or {@code --by NAME} when talking to Temporal directly).
   */
  public static void print(UpgradeStatus s, PrintStream out, String commandOptions) {
    out.printf(
        "%s  [%s]  phase %s%s%n",
        s.workflowId(), s.kind(), s.phase(), s.paused() ? " (paused)" : "");
    if (s.message() != null && !s.message().isBlank()) {
      out.println("  " + s.message());
    }
    out.printf(
        "%n  %-22s %-17s %-9s %-8s %-8s %s%n",
        "STEP", "STATE", "STARTED", "TOOK", "ATTEMPTS", "DETAIL");
    for (StepStatus step : s.steps() == null ? List.<StepStatus>of() : s.steps()) {
      out.printf(
          "  %-22s %-17s %-9s %-8s %-8s %s%n",
          step.name(),
          step.state(),
          clock(step.startedAt()),
          took(step.startedAt(), step.endedAt()),
          step.attempts() == 0 ? "" : step.attempts(),
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
    printMembers(s, out);
    OpenGate gate = s.openGate();
    if (gate != null) {
      out.printf(
          "%n  Gate '%s' is open until %s (then %s).%n",
          gate.name(), gate.deadline(), gate.onTimeout());
      out.printf(
          "    approve: %s%n",
          decideCommand(s.workflowId(), gate.name(), "approve", commandOptions));
      out.printf(
          "    reject:  %s%n",
          decideCommand(s.workflowId(), gate.name(), "reject", commandOptions));
      out.printf("    (add --comment \"...\" to say why; it goes into the audit log)%n");
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

  /** Hazelcast: each member's version and health numbers, then the maps' entry counts. */
  private static void printMembers(UpgradeStatus s, PrintStream out) {
    if (s.members() != null && !s.members().isEmpty()) {
      out.printf(
          "%n  %-20s %-12s %-10s %-12s %-7s %10s%n",
          "MEMBER", "ROLL", "VERSION", "SEES", "SAFE", "MIGRATIONS");
      for (MemberStatus m : s.members()) {
        out.printf(
            "  %-20s %-12s %-10s %-12s %-7s %10s%n",
            m.pod(),
            m.state(),
            m.reachable() ? m.version() : "unreachable",
            m.reachable() ? m.clusterSize() + " members" : "",
            m.reachable() ? (m.clusterSafe() ? "yes" : "NO") : "",
            m.reachable() ? m.migrationQueueSize() : "");
      }
    }
    if (s.maps() != null && !s.maps().isEmpty()) {
      out.printf("%n  %-20s %12s %12s%n", "MAP", "BEFORE", "AFTER");
      for (MapProgress m : s.maps()) {
        out.printf(
            "  %-20s %12d %12s%n",
            m.name(), m.entriesBefore(), m.entriesAfter() == null ? "" : m.entriesAfter());
      }
    }
  }

  /**
   * The command that decides a gate, ready to paste (the CLI's {@code --by} defaults to {@code
   * $USER}), with the connection/identity options given.
   */
  public static String decideCommand(
      String workflowId, String gate, String verb, String commandOptions) {
    return "./gridshift "
        + verb
        + " "
        + workflowId
        + " "
        + gate
        + (commandOptions == null ? "" : commandOptions);
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
