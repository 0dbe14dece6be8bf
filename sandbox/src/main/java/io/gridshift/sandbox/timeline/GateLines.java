package io.gridshift.sandbox.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gate markers: a dashed vertical line through steps, latency and errors, labelled at the top.
 *
 * <p>Labels of markers close in time would overlap, so they are stacked in lanes: each label takes
 * the lowest lane whose previous label ends left of it. Past {@link #MAX_LANES} the lane that frees
 * up first is reused (an overlap is better than a picture taller than the screen).
 */
final class GateLines {
  static final int MAX_LANES = 6;
  private static final int LABEL_CHARS = 40;
  private static final double FONT_PX = 11;
  private static final double GAP_PX = 8;

  /** A marker with its x, its label's lane and on which side of the line the label sits. */
  record Placed(Marker marker, String key, double x, int lane, String text, boolean labelLeft) {}

  private GateLines() {}

  static List<Placed> place(List<Marker> markers, TimeAxis axis) {
    List<Marker> sorted = new ArrayList<>(markers);
    sorted.removeIf(m -> m == null || m.at() == null);
    sorted.sort(Comparator.comparing(Marker::at));
    List<Double> laneEnds = new ArrayList<>();
    List<Placed> placed = new ArrayList<>();
    for (Marker m : sorted) {
      double x = axis.x(m.at());
      String text = Layout.truncate(m.label(), LABEL_CHARS);
      double w = Layout.textWidth(text, FONT_PX) + 4;
      boolean left = x + w > Layout.WIDTH - 4;
      double from = left ? x - w : x;
      int lane = freeLane(laneEnds, from);
      double end = left ? x : x + w;
      if (lane == laneEnds.size()) {
        laneEnds.add(end);
      } else {
        laneEnds.set(lane, Math.max(end, laneEnds.get(lane)));
      }
      placed.add(new Placed(m, Palette.markerKey(m.kind()), x, lane, text, left));
    }
    return placed;
  }

  private static int freeLane(List<Double> laneEnds, double from) {
    for (int i = 0; i < laneEnds.size(); i++) {
      if (laneEnds.get(i) + GAP_PX <= from) {
        return i;
      }
    }
    if (laneEnds.size() < MAX_LANES) {
      return laneEnds.size();
    }
    int best = 0;
    for (int i = 1; i < laneEnds.size(); i++) {
      best = laneEnds.get(i) < laneEnds.get(best) ? i : best;
    }
    return best;
  }

  static int laneCount(List<Placed> placed) {
    return placed.stream().mapToInt(Placed::lane).max().orElse(-1) + 1;
  }

  static void draw(Svg svg, List<Placed> placed, TimeAxis axis, Layout layout) {
    svg.open("g", "class", "gates");
    for (Placed p : placed) {
      String colour = Palette.markerColour(p.key());
      double baseline = layout.laneBaseline(p.lane());
      String when = offsetLabel(p.marker(), axis);
      svg.withTitle(
          "line",
          p.marker().label() + " (" + p.marker().kind() + ") at " + when,
          "class",
          "gate gate-" + p.key(),
          "x1",
          p.x(),
          "x2",
          p.x(),
          "y1",
          baseline + 4,
          "y2",
          layout.stripBottom(),
          "stroke",
          colour,
          "stroke-width",
          1.5,
          "stroke-dasharray",
          Palette.markerDash(p.key()));
      Object[] attrs = {
        "x",
        p.labelLeft() ? p.x() - 3 : p.x() + 3,
        "y",
        baseline,
        "text-anchor",
        p.labelLeft() ? "end" : "start",
        "font-size",
        FONT_PX,
        "fill",
        colour,
        "class",
        "gate-label"
      };
      if (p.text().equals(p.marker().label())) {
        svg.text("text", p.text(), attrs);
      } else {
        svg.textWithTitle("text", p.text(), p.marker().label(), attrs);
      }
    }
    svg.close("g");
  }

  private static String offsetLabel(Marker m, TimeAxis axis) {
    return "+" + TimeAxis.humanDuration(Math.max(0, axis.offsetMs(m.at())));
  }
}
