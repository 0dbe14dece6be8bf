package io.gridshift.demo.timeline;

/**
 * The picture's geometry: fixed columns, and bands stacked top to bottom whose heights depend on
 * the data (gate label lanes, step rows, legend rows).
 *
 * <pre>
 *   gate labels (one lane per overlapping group)
 *   time axis labels ------------------------------ axisY
 *   step rows (name | bar + duration)
 *   latency plot (p50, max)
 *   error strip
 *   time axis labels again
 *   legend
 * </pre>
 */
record Layout(
    int lanes,
    double axisY,
    double rowsTop,
    double plotTop,
    double stripTop,
    double bottomAxisY,
    double legendTop,
    double height) {

  static final double WIDTH = 1200;
  static final double PLOT_LEFT = 230;
  static final double PLOT_RIGHT = 1165;
  static final double LABEL_RIGHT = PLOT_LEFT - 10;
  static final double BUCKET_PX = 2;
  static final double LANE_H = 16;
  static final double ROW_H = 24;
  static final double BAR_H = 14;
  static final double PLOT_H = 180;
  static final double STRIP_H = 36;
  static final double STRIP_LABEL_H = 12;
  static final double LEGEND_ROW_H = 20;
  static final double CHAR_PX = 6.8;

  static Layout compute(int lanes, int rows, int legendRows) {
    double axisY = 14 + lanes * LANE_H + 22;
    double rowsTop = axisY + 6;
    double plotTop = rowsTop + Math.max(1, rows) * ROW_H + 26;
    double stripTop = plotTop + PLOT_H + 14;
    double bottomAxisY = stripTop + STRIP_H + 16;
    double legendTop = bottomAxisY + 22;
    double height = legendTop + legendRows * LEGEND_ROW_H + 8;
    return new Layout(lanes, axisY, rowsTop, plotTop, stripTop, bottomAxisY, legendTop, height);
  }

  static double plotWidth() {
    return PLOT_RIGHT - PLOT_LEFT;
  }

  /** Baseline of gate labels in {@code lane} (lane 0 is the lowest, nearest the axis). */
  double laneBaseline(int lane) {
    return axisY - 22 - lane * LANE_H;
  }

  double rowTop(int row) {
    return rowsTop + row * ROW_H;
  }

  double plotBottom() {
    return plotTop + PLOT_H;
  }

  double stripBottom() {
    return stripTop + STRIP_H;
  }

  /** A rough width of {@code text} at 12px in a sans-serif font, for placing labels. */
  static double textWidth(String text, double fontPx) {
    return text.length() * CHAR_PX * fontPx / 12;
  }

  /** {@code text} cut to {@code max} characters with an ellipsis. */
  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }
}
