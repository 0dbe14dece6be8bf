package io.gridshift.demo.timeline;

import static io.gridshift.demo.timeline.Layout.PLOT_LEFT;
import static io.gridshift.demo.timeline.Layout.STRIP_H;
import static io.gridshift.demo.timeline.Layout.STRIP_LABEL_H;

import io.gridshift.demo.timeline.LatencyBuckets.Bucket;
import java.util.Locale;

/**
 * The error strip under the latency plot: one red mark per bucket that saw failed operations, its
 * height growing with the share that failed, and the count written above each group of marks. A run
 * without errors says so in green, so an empty strip is never ambiguous.
 */
final class ErrorStrip {
  /** Error marks closer than this share one count label. */
  private static final double GROUP_PX = 30;

  private ErrorStrip() {}

  static void draw(Svg svg, LatencyBuckets b, TimeAxis axis, Layout layout) {
    double top = layout.stripTop();
    int total = b.totalErrors();
    svg.open("g", "class", "errors");
    svg.empty(
        "rect",
        "x",
        PLOT_LEFT,
        "y",
        top,
        "width",
        Layout.plotWidth(),
        "height",
        STRIP_H,
        "fill",
        total == 0 ? "#f3faf5" : "#fdf3f3",
        "stroke",
        Palette.GRID);
    svg.text("text", "client errors", "x", 10.0, "y", top + 14, "font-weight", "bold");
    String summary = String.format(Locale.ROOT, "%,d failed", total);
    if (b.outside() > 0) {
      summary += String.format(Locale.ROOT, " (%,d samples outside the window)", b.outside());
    }
    svg.text(
        "text",
        summary,
        "x",
        10.0,
        "y",
        top + 29,
        "font-size",
        11,
        "fill",
        total == 0 ? Palette.MUTED : Palette.ERROR);
    if (total == 0) {
      svg.text(
          "text",
          "no errors",
          "x",
          PLOT_LEFT + 6,
          "y",
          top + STRIP_H / 2 + 4,
          "font-size",
          11,
          "fill",
          "#2e9d5b",
          "class",
          "no-errors");
    } else {
      drawMarks(svg, b, axis, top);
    }
    svg.close("g");
  }

  private static void drawMarks(Svg svg, LatencyBuckets b, TimeAxis axis, double top) {
    double markTop = top + STRIP_LABEL_H;
    double markH = STRIP_H - STRIP_LABEL_H;
    double groupStart = Double.NaN;
    double groupEnd = Double.NaN;
    int groupCount = 0;
    double lastLabelEnd = Double.NEGATIVE_INFINITY;
    for (Bucket k : b.buckets()) {
      if (k.errors() == 0) {
        continue;
      }
      double x = axis.xOfOffset(k.index() * (double) b.bucketMs());
      double w = Math.max(2, axis.xOfOffset((k.index() + 1) * (double) b.bucketMs()) - x);
      double share = k.errors() / (double) (k.errors() + k.ok());
      double h = markH * (0.3 + 0.7 * share);
      svg.withTitle(
          "rect",
          errorTitle(k, b),
          "class",
          "err",
          "data-errors",
          k.errors(),
          "x",
          x,
          "y",
          markTop + markH - h,
          "width",
          w,
          "height",
          h,
          "fill",
          Palette.ERROR);
      if (groupCount > 0 && x - groupEnd > GROUP_PX) {
        lastLabelEnd = label(svg, groupStart, groupEnd, groupCount, top, lastLabelEnd);
        groupCount = 0;
      }
      groupStart = groupCount == 0 ? x : groupStart;
      groupEnd = x + w;
      groupCount += k.errors();
    }
    label(svg, groupStart, groupEnd, groupCount, top, lastLabelEnd);
  }

  /** Writes a group's count above its marks unless it would overlap the previous count. */
  private static double label(
      Svg svg, double from, double to, int count, double top, double lastLabelEnd) {
    String text = Integer.toString(count);
    double w = Layout.textWidth(text, 10);
    double mid = Math.min(Math.max((from + to) / 2, PLOT_LEFT + w / 2), Layout.WIDTH - w / 2);
    if (mid - w / 2 < lastLabelEnd + 4) {
      return lastLabelEnd;
    }
    svg.text(
        "text",
        text,
        "x",
        mid,
        "y",
        top + 10,
        "text-anchor",
        "middle",
        "font-size",
        10,
        "font-weight",
        "bold",
        "fill",
        Palette.ERROR,
        "class",
        "err-count");
    return mid + w / 2;
  }

  private static String errorTitle(Bucket k, LatencyBuckets b) {
    long from = k.index() * b.bucketMs();
    return String.format(
        Locale.ROOT,
        "+%s: %d failed of %d operations",
        TimeAxis.humanDuration(from),
        k.errors(),
        k.errors() + k.ok());
  }
}
