package io.gridshift.demo.timeline;

import java.time.Instant;
import java.util.List;

/** Pauses as shaded bands from the first step row to the bottom of the error strip. */
final class PauseBands {
  static final String FILL = "#8a949e";
  static final double OPACITY = 0.18;

  private PauseBands() {}

  static void draw(Svg svg, Timeline t, TimeAxis axis, Layout layout) {
    List<Pause> pauses = t.pauses();
    if (pauses.isEmpty()) {
      return;
    }
    svg.open("g", "class", "pauses");
    for (Pause p : pauses) {
      Instant end = p.end() == null ? t.end() : p.end();
      double x1 = axis.x(p.start());
      double width = Math.max(1, axis.x(end) - x1);
      String lasted =
          TimeAxis.humanDuration(Math.max(0, end.toEpochMilli() - p.start().toEpochMilli()));
      svg.withTitle(
          "rect",
          p.label() + " (" + lasted + (p.end() == null ? ", never resumed" : "") + ")",
          "class",
          "pause",
          "x",
          x1,
          "y",
          layout.rowsTop(),
          "width",
          width,
          "height",
          layout.stripBottom() - layout.rowsTop(),
          "fill",
          FILL,
          "fill-opacity",
          OPACITY);
    }
    svg.close("g");
  }
}
