package io.gridshift.starter.cli;

import io.gridshift.starter.UpgradeSummary;
import java.io.PrintStream;
import java.util.List;

/** Renders {@code gridshift list} as a table. */
final class ListPrinter {
  private static final String ROW = "%-34s %-10s %-12s %-16s %-11s %-20s %-16s %-15s%n";

  private ListPrinter() {}

  static void print(List<UpgradeSummary> upgrades, PrintStream out) {
    if (upgrades.isEmpty()) {
      out.println("no upgrades match");
      return;
    }
    out.printf(
        ROW, "WORKFLOW", "KIND", "CLUSTER", "GRID", "STATUS", "STARTED", "STEP", "OPEN GATE");
    for (UpgradeSummary u : upgrades) {
      out.printf(
          ROW,
          u.workflowId(),
          orEmpty(u.kind()),
          orEmpty(u.cluster()),
          (u.namespace() == null ? "" : u.namespace() + "/") + orEmpty(u.grid()),
          orEmpty(u.status()),
          orEmpty(u.startedAt()).replaceFirst("\\.\\d+Z$", "Z"),
          orEmpty(u.currentStep()),
          orEmpty(u.openGate()));
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
