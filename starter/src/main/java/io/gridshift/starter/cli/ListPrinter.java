package io.gridshift.starter.cli;

import io.gridshift.starter.UpgradeSummary;
import java.io.PrintStream;
import java.util.List;

/**
 * Renders {@code gridshift list} as a table whose columns are as wide as their widest cell, so long
 * workflow ids (dry runs end {@code -dry-run-<random>}) keep the columns aligned.
 */
final class ListPrinter {
  private ListPrinter() {}

  static void print(List<UpgradeSummary> upgrades, PrintStream out) {
    if (upgrades.isEmpty()) {
      out.println("no upgrades match");
      return;
    }
    TextTable table =
        new TextTable(
            "WORKFLOW",
            "KIND",
            "CLUSTER",
            "GRID",
            "STATUS",
            "PHASE",
            "STARTED",
            "STEP",
            "OPEN GATE");
    for (UpgradeSummary u : upgrades) {
      table.row(
          u.workflowId(),
          u.kind(),
          u.cluster(),
          (u.namespace() == null ? "" : u.namespace() + "/") + orEmpty(u.grid()),
          u.status(),
          u.phase(),
          orEmpty(u.startedAt()).replaceFirst("\\.\\d+Z$", "Z"),
          u.currentStep(),
          u.openGate());
    }
    table.print(out, "");
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
