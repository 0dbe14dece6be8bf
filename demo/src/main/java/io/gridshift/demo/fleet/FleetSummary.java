package io.gridshift.demo.fleet;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The lines that end the demo on the terminal (and head the timeline page). */
final class FleetSummary {
  private FleetSummary() {}

  static List<String> lines(FleetReport r) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "fleet %s: %s (started by schedule %s), %.0f s for the whole demo",
            r.fleet().id(), r.fleet().status(), r.fleet().schedule(), r.fleet().wallSeconds()));
    for (FleetReport.Stage s : r.stages()) {
      String approvals =
          s.approvals().isEmpty()
              ? ""
              : "  gate: "
                  + String.join(
                      ", ", s.approvals().stream().map(a -> a.action() + " by " + a.by()).toList());
      lines.add(
          String.format("stage %-7s %s%s", s.name(), String.join(", ", s.grids()), approvals));
    }
    for (FleetReport.Grid g : r.grids()) {
      lines.add(
          String.format(
              "  %-26s %-10s %-14s -> %-14s %-10s %7s  missing keys %s  lost writes %s%s",
              g.cluster() + "/" + g.namespace() + "/" + g.name(),
              g.kind(),
              g.from(),
              g.to(),
              g.status(),
              g.durationMs() == null ? "" : Math.round(g.durationMs() / 1000.0) + " s",
              g.missingKeys() == null ? "?" : g.missingKeys(),
              g.lostWrites() == null ? "-" : g.lostWrites(),
              g.clientErrors() == null ? "" : "  client errors " + g.clientErrors()));
      if (g.status().equals(FleetReport.REFUSED) && g.message() != null) {
        lines.add("      refused: " + g.message());
      }
    }
    FleetReport.Budget b = r.budget();
    lines.add(
        String.format(
            "failure budget of stage %s: %d of %d used; %d grid(s) refused at plan",
            b.stage(), b.failed(), b.maxFailures(), b.refused()));
    return lines;
  }

  static void print(FleetReport report, PrintStream out) {
    out.printf("%nSummary:%n");
    lines(report).forEach(line -> out.println("  " + line));
    out.printf(
        "%nResult: %s%n",
        report.success()
            ? "every grid not refused upgraded, no key missing, no acknowledged write lost"
            : "NOT successful (fleet " + report.fleet().status() + "; see the grids above)");
  }
}
