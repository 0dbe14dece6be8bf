package io.gridshift.demo.timeline;

import static io.gridshift.demo.timeline.Layout.PLOT_H;
import static io.gridshift.demo.timeline.Layout.PLOT_LEFT;

import io.gridshift.demo.timeline.LatencyBuckets.Bucket;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The traffic probe under the steps: p50 and max latency per bucket as two paths (two elements
 * however many samples), followed by the {@link ErrorStrip}.
 */
final class TrafficPlot {
  private TrafficPlot() {}

  static void draw(Svg svg, LatencyBuckets b, TimeAxis axis, Layout layout) {
    ValueAxis y = ValueAxis.forLatencies(b, layout.plotTop(), PLOT_H);
    svg.open("g", "class", "latency");
    drawFrame(svg, b, y, axis, layout);
    if (b.totalOk() == 0) {
      svg.text(
          "text",
          "no successful client operations in this window",
          "x",
          PLOT_LEFT + 8,
          "y",
          layout.plotTop() + PLOT_H / 2,
          "fill",
          Palette.MUTED);
    } else {
      svg.empty(
          "path",
          "class",
          "max",
          "d",
          path(b, axis, y, Bucket::max),
          "fill",
          "none",
          "stroke",
          Palette.MAX,
          "stroke-width",
          1.2,
          "stroke-linejoin",
          "round");
      svg.empty(
          "path",
          "class",
          "p50",
          "d",
          path(b, axis, y, Bucket::p50),
          "fill",
          "none",
          "stroke",
          Palette.P50,
          "stroke-width",
          1.6,
          "stroke-linejoin",
          "round");
    }
    svg.close("g");
    ErrorStrip.draw(svg, b, axis, layout);
  }

  private static void drawFrame(
      Svg svg, LatencyBuckets b, ValueAxis y, TimeAxis axis, Layout layout) {
    for (ValueAxis.Tick t : y.ticks()) {
      svg.empty(
          "line",
          "x1",
          PLOT_LEFT,
          "x2",
          axis.right(),
          "y1",
          t.y(),
          "y2",
          t.y(),
          "stroke",
          Palette.GRID);
      svg.text(
          "text",
          t.label(),
          "x",
          PLOT_LEFT - 6,
          "y",
          t.y() + 4,
          "text-anchor",
          "end",
          "font-size",
          10,
          "fill",
          Palette.AXIS);
    }
    svg.empty(
        "rect",
        "x",
        PLOT_LEFT,
        "y",
        layout.plotTop(),
        "width",
        Layout.plotWidth(),
        "height",
        PLOT_H,
        "fill",
        "none",
        "stroke",
        Palette.AXIS,
        "stroke-width",
        0.6);
    double top = layout.plotTop();
    svg.text("text", "client latency", "x", 10.0, "y", top + 12, "font-weight", "bold");
    svg.text(
        "text",
        "p50 and max per " + TimeAxis.humanDuration(b.bucketMs()),
        "x",
        10.0,
        "y",
        top + 28,
        "font-size",
        11,
        "fill",
        Palette.AXIS);
    svg.text(
        "text",
        y.isLog() ? "log scale" : "linear scale",
        "x",
        10.0,
        "y",
        top + 42,
        "font-size",
        11,
        "fill",
        Palette.AXIS);
    svg.text(
        "text",
        String.format(Locale.ROOT, "%,d ok operations", b.totalOk()),
        "x",
        10.0,
        "y",
        top + 56,
        "font-size",
        11,
        "fill",
        Palette.AXIS);
  }

  /** An SVG path through the bucket centres, lifting the pen over buckets without data. */
  static String path(LatencyBuckets b, TimeAxis axis, ValueAxis y, ToDoubleFunction<Bucket> f) {
    StringBuilder d = new StringBuilder();
    boolean penDown = false;
    for (Bucket k : b.buckets()) {
      if (!k.hasLatency()) {
        penDown = false;
        continue;
      }
      double x = axis.xOfOffset((k.index() + 0.5) * b.bucketMs());
      d.append(penDown ? 'L' : 'M').append(Svg.num(x)).append(' ');
      d.append(Svg.num(y.y(f.applyAsDouble(k)))).append(' ');
      penDown = true;
    }
    return d.toString().trim();
  }
}
