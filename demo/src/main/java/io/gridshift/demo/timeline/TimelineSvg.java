package io.gridshift.demo.timeline;

import static io.gridshift.demo.timeline.Layout.PLOT_LEFT;
import static io.gridshift.demo.timeline.Layout.WIDTH;

import java.util.List;

/**
 * Builds the timeline's {@code <svg>} element.
 *
 * <ol>
 *   <li>Fold the samples into buckets of {@link Layout#BUCKET_PX} pixels each.
 *   <li>Place gate labels in lanes, and the legend in rows: both decide the picture's height.
 *   <li>Draw back to front: row shading, the time grid, pause bands, step bars, latency plot and
 *       error strip, then the gate lines over everything, then the legend.
 * </ol>
 */
final class TimelineSvg {
  static final String FONT =
      "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

  private TimelineSvg() {}

  static String render(Timeline t) {
    TimeAxis axis = new TimeAxis(t.start(), t.end(), PLOT_LEFT, Layout.plotWidth());
    int bucketCount = (int) (Layout.plotWidth() / Layout.BUCKET_PX);
    LatencyBuckets buckets = LatencyBuckets.of(t.samples(), t.start(), t.end(), bucketCount);
    List<GateLines.Placed> gates = GateLines.place(t.gates(), axis);
    Legend legend = Legend.of(t, buckets);
    Layout layout = Layout.compute(GateLines.laneCount(gates), t.steps().size(), legend.rows());

    Svg svg = new Svg(32 * 1024);
    svg.open(
        "svg",
        "xmlns",
        "http://www.w3.org/2000/svg",
        "width",
        WIDTH,
        "height",
        layout.height(),
        "viewBox",
        "0 0 " + Svg.num(WIDTH) + " " + Svg.num(layout.height()),
        "font-family",
        FONT,
        "font-size",
        12,
        "fill",
        Palette.TEXT,
        "role",
        "img",
        "aria-label",
        t.title());
    svg.text("title", t.title());
    svg.empty(
        "rect", "x", 0.0, "y", 0.0, "width", WIDTH, "height", layout.height(), "fill", "#fff");
    StepRows.drawBands(svg, t.steps().size(), layout);
    drawTimeGrid(svg, axis, layout);
    PauseBands.draw(svg, t, axis, layout);
    StepRows.draw(svg, t, axis, layout);
    TrafficPlot.draw(svg, buckets, axis, layout);
    GateLines.draw(svg, gates, axis, layout);
    legend.draw(svg, layout.legendTop());
    return svg.close("svg").toString();
  }

  /** Vertical grid lines at each tick, labelled above the steps and again below the errors. */
  static void drawTimeGrid(Svg svg, TimeAxis axis, Layout layout) {
    svg.open("g", "class", "time-axis", "font-size", 10);
    for (TimeAxis.Tick tick : axis.ticks()) {
      svg.empty(
          "line",
          "x1",
          tick.x(),
          "x2",
          tick.x(),
          "y1",
          layout.axisY() - 2,
          "y2",
          layout.stripBottom(),
          "stroke",
          Palette.GRID);
      for (double y : new double[] {layout.axisY() - 6, layout.bottomAxisY()}) {
        svg.text(
            "text",
            tick.label(),
            "x",
            tick.x(),
            "y",
            y,
            "text-anchor",
            "middle",
            "fill",
            Palette.AXIS);
      }
    }
    svg.empty(
        "line",
        "x1",
        PLOT_LEFT,
        "x2",
        axis.right(),
        "y1",
        layout.axisY() - 2,
        "y2",
        layout.axisY() - 2,
        "stroke",
        Palette.AXIS,
        "stroke-width",
        0.6);
    String title = "time since start (" + axis.unit() + ")";
    svg.text(
        "text", title, "x", 10.0, "y", layout.axisY() - 6, "fill", Palette.AXIS, "font-size", 11);
    svg.text(
        "text", title, "x", 10.0, "y", layout.bottomAxisY(), "fill", Palette.AXIS, "font-size", 11);
    svg.close("g");
  }
}
