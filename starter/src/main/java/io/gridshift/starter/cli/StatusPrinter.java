package io.gridshift.starter.cli;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.DetailTable;
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
    if (s.details() != null) {
      s.details().tables().forEach(table -> printTable(table, out));
    }
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

  /** A kind's table: each column as wide as its widest cell; the first left-aligned. */
  private static void printTable(DetailTable table, PrintStream out) {
    int[] widths = new int[table.columns().size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = table.columns().get(i).length();
      for (List<String> row : table.rows()) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println();
    out.println(line(table.columns(), widths));
    table.rows().forEach(row -> out.println(line(row, widths)));
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(" ");
    for (int i = 0; i < cells.size(); i++) {
      String format = i == 0 ? " %-" + widths[i] + "s" : " %" + widths[i] + "s";
      line.append(String.format(format, cells.get(i)));
    }
    return line.toString();
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
