package io.gridshift.starter.cli;

import io.gridshift.starter.UpgradeSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code gridshift list} as a table whose columns are as wide as their widest cell, so long
 * workflow ids (dry runs end {@code -dry-run-<random>}) keep the columns aligned.
 */
final class ListPrinter {
  private static final List<String> HEADER =
      List.of(
          "WORKFLOW", "KIND", "CLUSTER", "GRID", "STATUS", "PHASE", "STARTED", "STEP", "OPEN GATE");

  private ListPrinter() {}

  static void print(List<UpgradeSummary> upgrades, PrintStream out) {
    if (upgrades.isEmpty()) {
      out.println("no upgrades match");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    upgrades.forEach(u -> rows.add(row(u)));
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    rows.forEach(row -> out.println(line(row, widths)));
  }

  private static List<String> row(UpgradeSummary u) {
    return List.of(
        u.workflowId(),
        orEmpty(u.kind()),
        orEmpty(u.cluster()),
        (u.namespace() == null ? "" : u.namespace() + "/") + orEmpty(u.grid()),
        orEmpty(u.status()),
        orEmpty(u.phase()),
        orEmpty(u.startedAt()).replaceFirst("\\.\\d+Z$", "Z"),
        orEmpty(u.currentStep()),
        orEmpty(u.openGate()));
  }

  /** The cells padded to their column's width, two spaces apart, without trailing blanks. */
  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length() + 2));
    }
    return line.toString().stripTrailing();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
