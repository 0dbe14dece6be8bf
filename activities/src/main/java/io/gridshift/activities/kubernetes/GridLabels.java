package io.gridshift.activities.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels gridshift puts on what it creates, so that it (and people) can tell them apart. */
final class GridLabels {
  /** Every object gridshift creates carries {@code gridshift.io/managed-by=gridshift}. */
  static final String MANAGED_BY = "gridshift.io/managed-by";

  static final String MANAGER = "gridshift";

  /** The source grid an object was created for. */
  static final String SOURCE = "gridshift.io/source";

  /** The target grid an object belongs to; also the target pods' only selector label. */
  static final String GRID = "gridshift.io/grid";

  private GridLabels() {}

  /** Labels of an object created for {@code sourceGrid}, belonging to {@code grid} if not null. */
  static Map<String, String> managed(String sourceGrid, String grid) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGER);
    labels.put(SOURCE, sourceGrid);
    if (grid != null) {
      labels.put(GRID, grid);
    }
    return labels;
  }

  /** The selector of a target grid's pods. */
  static Map<String, String> gridSelector(String grid) {
    return Map.of(GRID, grid);
  }
}
