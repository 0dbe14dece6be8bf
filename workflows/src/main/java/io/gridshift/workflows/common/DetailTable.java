package io.gridshift.workflows.common;

import java.util.List;

/**
 * A table of a kind's progress (caches, members, maps), as text cells: how the CLI prints any
 * kind's {@link UpgradeDetails} without knowing the kind.
 *
 * @param columns the column headings, e.g. {@code CACHE}, {@code STATE}
 * @param rows one list of cells per row, as many as columns
 */
public record DetailTable(List<String> columns, List<List<String>> rows) {
  public DetailTable {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }
}
