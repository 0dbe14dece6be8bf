package io.gridshift.starter.cli;

import io.gridshift.starter.FleetSummary;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.AgentStatus;
import io.gridshift.workflows.fleet.FleetStatus.Budget;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.fleet.FleetStatus.StageStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a fleet run for a terminal: the header (phase, versions, budget, next window), the
 * stages, the grids, the refused grids with their reasons, the agents, the open gate with the
 * commands that decide it, and the audit log. A dry run's plan is the same view of the run's final
 * status.
 */
final class FleetPrinter {
  private FleetPrinter() {}

  /**
   * Prints {@code s}; {@code commandOptions} are appended to the commands it prints (e.g. {@code
   * --server URL}).
   */
  static void print(FleetStatus s, PrintStream out, String commandOptions) {
    out.printf(
        "%s  [fleet %s]  phase %s%s%n",
        s.fleetId(), s.name(), s.phase(), s.paused() ? " (paused)" : "");
    if (s.message() != null && !s.message().isBlank()) {
      out.println("  " + s.message());
    }
    out.println("  versions: " + versions(s.versions()));
    if (s.currentStage() != null) {
      out.println("  stage: " + s.currentStage());
    }
    Budget budget = s.budget();
    if (budget != null) {
      out.printf(
          "  budget: %d of %d failures left in stage %s (%d failed)%n",
          budget.left(), budget.maxFailures(), budget.stage(), budget.failed());
    }
    if (s.nextWindow() != null) {
      out.println("  next window opens: " + s.nextWindow());
    }
    printStages(s.stages(), out);
    printGrids(s.grids(), out);
    printAgents(s.agents(), out);
    printGate(s, out, commandOptions);
    if (s.paused()) {
      out.printf(
          "%n  Paused: resume with ./gridshift fleet resume %s%s%n", s.fleetId(), commandOptions);
    }
    printAudit(s.audit(), out);
  }

  private static String versions(Map<String, String> versions) {
    if (versions == null || versions.isEmpty()) {
      return "(not resolved yet)";
    }
    return versions.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static void printStages(List<StageStatus> stages, PrintStream out) {
    TextTable table = new TextTable("STAGE", "STATE", "GRIDS", "STARTED", "ENDED", "APPROVALS");
    for (StageStatus stage : orEmpty(stages)) {
      table.row(
          stage.name(),
          stage.state(),
          orEmpty(stage.grids()).size(),
          stage.startedAt(),
          stage.endedAt(),
          orEmpty(stage.approvals()).stream()
              .map(a -> a.action() + " by " + a.by())
              .collect(Collectors.joining(", ")));
    }
    out.println();
    table.print(out, "  ");
  }

  private static void printGrids(List<GridStatus> grids, PrintStream out) {
    TextTable table =
        new TextTable("GRID", "KIND", "STAGE", "FROM", "TO", "STATE", "TOOK", "AGENT", "MESSAGE");
    List<GridStatus> refused =
        orEmpty(grids).stream().filter(g -> "REFUSED".equals(g.state())).toList();
    for (GridStatus g : orEmpty(grids)) {
      if (!"REFUSED".equals(g.state())) {
        table.row(
            g.path(),
            g.kind(),
            g.stage(),
            g.from(),
            g.to(),
            g.state(),
            took(g),
            g.agent(),
            g.message());
      }
    }
    out.println();
    if (table.isEmpty()) {
      out.println("  no grids planned");
    } else {
      table.print(out, "  ");
    }
    if (!refused.isEmpty()) {
      out.printf("%n  REFUSED (%d, not upgraded):%n", refused.size());
      refused.forEach(g -> out.printf("  - %s (%s): %s%n", g.path(), g.kind(), g.message()));
    }
  }

  private static String took(GridStatus g) {
    if (g.durationMs() != null) {
      long s = g.durationMs() / 1000;
      return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : g.durationMs() / 100 / 10.0 + "s";
    }
    return StatusPrinter.took(g.startedAt(), g.endedAt());
  }

  private static void printAgents(List<AgentStatus> agents, PrintStream out) {
    if (orEmpty(agents).isEmpty()) {
      return;
    }
    TextTable table = new TextTable("CLUSTER", "QUEUE", "AGENT", "IDENTITY", "SEEN", "MESSAGE");
    for (AgentStatus a : agents) {
      table.row(a.cluster(), a.taskQueue(), a.state(), a.identity(), a.seenAt(), a.message());
    }
    out.println();
    table.print(out, "  ");
  }

  private static void printGate(FleetStatus s, PrintStream out, String commandOptions) {
    OpenGate gate = s.openGate();
    if (gate == null) {
      return;
    }
    out.printf(
        "%n  Gate '%s' is open until %s (then %s).%n",
        gate.name(), gate.deadline(), gate.onTimeout());
    for (String verb : List.of("approve", "reject")) {
      out.printf(
          "    %-8s ./gridshift fleet %s %s %s%s%n",
          verb + ":", verb, s.fleetId(), gate.name(), commandOptions);
    }
    out.printf("    (add --comment \"...\" to say why; it goes into the audit log)%n");
    if (gate.fourEyes()) {
      out.printf("    four-eyes: %s may not approve their own fleet%n", gate.requestedBy());
    }
  }

  private static void printAudit(List<AuditEntry> audit, PrintStream out) {
    if (orEmpty(audit).isEmpty()) {
      return;
    }
    out.printf("%n  AUDIT%n");
    TextTable table = new TextTable("AT", "ACTION", "GATE", "BY", "COMMENT");
    for (AuditEntry a : audit) {
      table.row(
          a.at(),
          a.action(),
          a.gate(),
          a.by() == null ? "-" : a.by(),
          (a.comment() == null ? "" : "\"" + a.comment() + "\"")
              + (a.reason() == null ? "" : " (" + a.reason() + ")"));
    }
    table.print(out, "  ");
  }

  /** Prints {@code gridshift fleet list}. */
  static void printList(List<FleetSummary> fleets, PrintStream out) {
    if (fleets.isEmpty()) {
      out.println("no fleet runs yet; start one with ./gridshift fleet start --file fleet.yaml");
      return;
    }
    TextTable table =
        new TextTable(
            "WORKFLOW", "FLEET", "STATUS", "PHASE", "STARTED", "STAGE", "OPEN GATE", "GRIDS");
    for (FleetSummary f : fleets) {
      table.row(
          f.workflowId(),
          f.name(),
          f.status(),
          f.phase(),
          f.startedAt() == null ? null : f.startedAt().replaceFirst("\\.\\d+Z$", "Z"),
          f.currentStage(),
          f.openGate(),
          f.grids() == null
              ? null
              : f.succeeded() + " done, " + f.failed() + " failed of " + f.grids());
    }
    table.print(out, "");
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
