package io.gridshift.demo.timeline;

import static io.gridshift.demo.timeline.Layout.BAR_H;
import static io.gridshift.demo.timeline.Layout.LABEL_RIGHT;
import static io.gridshift.demo.timeline.Layout.PLOT_LEFT;
import static io.gridshift.demo.timeline.Layout.ROW_H;

import java.time.Instant;
import java.util.List;

/**
 * One row per step: the name in the left column, a bar from the step's start to its end (or to the
 * timeline's end while it still runs), and the duration as text next to the bar.
 */
final class StepRows {
  private static final int NAME_CHARS = 32;
  private static final double DURATION_PX = 96;

  private StepRows() {}

  /** Shades every other row; drawn first so the time grid shows through, not over the bars. */
  static void drawBands(Svg svg, int rows, Layout layout) {
    svg.open("g", "class", "bands");
    for (int i = 1; i < rows; i += 2) {
      svg.empty(
          "rect",
          "x",
          0.0,
          "y",
          layout.rowTop(i),
          "width",
          Layout.WIDTH,
          "height",
          ROW_H,
          "fill",
          "#f6f7f9");
    }
    svg.close("g");
  }

  static void draw(Svg svg, Timeline t, TimeAxis axis, Layout layout) {
    List<Bar> steps = t.steps();
    svg.open("g", "class", "steps");
    for (int i = 0; i < steps.size(); i++) {
      drawRow(svg, steps.get(i), t.end(), axis, layout.rowTop(i));
    }
    if (steps.isEmpty()) {
      svg.text("text", "no steps recorded", "x", PLOT_LEFT + 4, "y", layout.rowTop(0) + 16);
    }
    svg.close("g");
  }

  private static void drawRow(Svg svg, Bar step, Instant timelineEnd, TimeAxis axis, double top) {
    double mid = top + ROW_H / 2 + 4;
    String shown = Layout.truncate(step.name(), NAME_CHARS);
    Object[] nameAttrs = {"x", LABEL_RIGHT, "y", mid, "text-anchor", "end", "class", "step-name"};
    if (shown.equals(step.name())) {
      svg.text("text", shown, nameAttrs);
    } else {
      svg.textWithTitle("text", shown, step.name(), nameAttrs);
    }
    if (step.start() == null) {
      svg.text(
          "text",
          "not started",
          "x",
          PLOT_LEFT + 4,
          "y",
          mid,
          "fill",
          Palette.MUTED,
          "font-style",
          "italic");
      return;
    }
    boolean open = step.end() == null;
    Instant end = open ? timelineEnd : step.end();
    double x1 = axis.x(step.start());
    double x2 = axis.x(end);
    // A step shorter than a pixel still gets a visible sliver.
    double width = Math.max(1, x2 - x1);
    String key = Palette.stateKey(step.state());
    String duration = durationText(step, end, open);
    svg.withTitle(
        "rect",
        step.name() + ": " + step.state() + ", " + duration,
        "class",
        "bar state-" + key,
        "data-step",
        step.name(),
        "x",
        x1,
        "y",
        top + (ROW_H - BAR_H) / 2,
        "width",
        width,
        "height",
        BAR_H,
        "rx",
        2.0,
        "fill",
        Palette.stateColour(key));
    drawDuration(svg, duration, x1, x1 + width, mid);
  }

  private static String durationText(Bar step, Instant end, boolean open) {
    long ms = Math.max(0, end.toEpochMilli() - step.start().toEpochMilli());
    String d = TimeAxis.humanDuration(ms);
    return open ? d + ", still running" : d;
  }

  /** Right of the bar when there is room, else left of it, else inside it in white. */
  private static void drawDuration(Svg svg, String text, double x1, double x2, double y) {
    double need = Math.max(DURATION_PX, Layout.textWidth(text, 11) + 8);
    if (x2 + need <= Layout.WIDTH) {
      svg.text("text", text, "x", x2 + 5, "y", y, "font-size", 11, "class", "duration");
    } else if (x1 - need >= PLOT_LEFT) {
      svg.text(
          "text",
          text,
          "x",
          x1 - 5,
          "y",
          y,
          "font-size",
          11,
          "text-anchor",
          "end",
          "class",
          "duration");
    } else {
      svg.text(
          "text",
          text,
          "x",
          x2 - 5,
          "y",
          y,
          "font-size",
          11,
          "text-anchor",
          "end",
          "fill",
          "#fff",
          "class",
          "duration");
    }
  }
}
