package io.gridshift.demo.timeline;

import static io.gridshift.demo.timeline.Layout.BAR_H;
import static io.gridshift.demo.timeline.Layout.LABEL_RIGHT;
import static io.gridshift.demo.timeline.Layout.PLOT_LEFT;
import static io.gridshift.demo.timeline.Layout.ROW_H;
import static io.gridshift.demo.timeline.Layout.WIDTH;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the {@code <svg>} of a {@link FleetLanes}: the single upgrade's picture (time grid,
 * markers, traffic plot, legend: {@link TimelineSvg}'s parts) with its step rows replaced by a
 * stage row and one lane per cluster.
 *
 * <ol>
 *   <li>Pack each lane's bars into sub-rows: a bar (with its label to its right) goes into the
 *       first sub-row where it overlaps nothing; a lane has at least two sub-rows (its name, then
 *       its agent).
 *   <li>Lay out the picture as a single upgrade's with as many rows as the stage row and every
 *       lane's sub-rows.
 *   <li>Draw back to front: lane shading, time grid, stages, bars, traffic, markers, legend.
 * </ol>
 */
final class FleetLanesSvg {
  private static final int MIN_SUB_ROWS = 2;
  private static final double LABEL_GAP_PX = 5;
  private static final double REFUSED_PX = 6;
  private static final String STAGE_FILL = "#4a5a6a";
  private static final String BAKE_FILL = "#aab7c4";

  /** A bar placed in its lane's sub-row, its label right of it or, near the edge, left of it. */
  private record PlacedBar(
      Bar bar, int subRow, double x1, double x2, String label, boolean labelLeft) {}

  /** A lane with its bars packed. */
  private record PackedLane(FleetLanes.Lane lane, List<PlacedBar> bars, int subRows) {}

  private FleetLanesSvg() {}

  static String render(FleetLanes f) {
    Timeline t = f.asTimeline();
    TimeAxis axis = new TimeAxis(f.start(), f.end(), PLOT_LEFT, Layout.plotWidth());
    List<PackedLane> lanes = f.lanes().stream().map(l -> pack(l, f.end(), axis)).toList();
    int rows = 1 + lanes.stream().mapToInt(PackedLane::subRows).sum();
    int bucketCount = (int) (Layout.plotWidth() / Layout.BUCKET_PX);
    LatencyBuckets buckets = LatencyBuckets.of(f.samples(), f.start(), f.end(), bucketCount);
    List<GateLines.Placed> markers = GateLines.place(f.markers(), axis);
    Legend legend = Legend.of(t, buckets);
    Layout layout = Layout.compute(GateLines.laneCount(markers), rows, legend.rows());

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
        TimelineSvg.FONT,
        "font-size",
        12,
        "fill",
        Palette.TEXT,
        "role",
        "img",
        "aria-label",
        f.title());
    svg.text("title", f.title());
    svg.empty(
        "rect", "x", 0.0, "y", 0.0, "width", WIDTH, "height", layout.height(), "fill", "#fff");
    drawLaneBands(svg, lanes, layout);
    TimelineSvg.drawTimeGrid(svg, axis, layout);
    drawStages(svg, f, axis, layout);
    drawLanes(svg, lanes, layout);
    TrafficPlot.draw(svg, buckets, axis, layout);
    GateLines.draw(svg, markers, axis, layout);
    legend.draw(svg, layout.legendTop());
    return svg.close("svg").toString();
  }

  private static PackedLane pack(FleetLanes.Lane lane, Instant end, TimeAxis axis) {
    List<Bar> bars = new ArrayList<>(lane.bars().stream().filter(b -> b.start() != null).toList());
    bars.sort(Comparator.comparing(Bar::start));
    List<Double> rowEnds = new ArrayList<>();
    List<PlacedBar> placed = new ArrayList<>();
    for (Bar bar : bars) {
      double x1 = axis.x(bar.start());
      double x2 = refused(bar) ? x1 + REFUSED_PX : Math.max(x1 + 1, axis.x(endOf(bar, end)));
      String label = label(bar, end);
      double labelWidth = LABEL_GAP_PX + Layout.textWidth(label, 11);
      boolean left = x2 + labelWidth > WIDTH && x1 - labelWidth >= PLOT_LEFT;
      double from = left ? x1 - labelWidth : x1;
      double extent = left ? x2 : x2 + labelWidth;
      int row = 0;
      while (row < rowEnds.size() && rowEnds.get(row) > from - LABEL_GAP_PX) {
        row++;
      }
      if (row == rowEnds.size()) {
        rowEnds.add(extent);
      } else {
        rowEnds.set(row, extent);
      }
      placed.add(new PlacedBar(bar, row, x1, x2, label, left));
    }
    return new PackedLane(lane, placed, Math.max(MIN_SUB_ROWS, rowEnds.size()));
  }

  private static boolean refused(Bar bar) {
    return Palette.stateKey(bar.state()).equals("refused");
  }

  private static Instant endOf(Bar bar, Instant pictureEnd) {
    return bar.end() == null ? pictureEnd : bar.end();
  }

  /** "carts 42 s", "ledger refused", "invoices 1m 05s, still running". */
  private static String label(Bar bar, Instant pictureEnd) {
    if (refused(bar)) {
      return bar.name() + " refused";
    }
    long ms = Math.max(0, endOf(bar, pictureEnd).toEpochMilli() - bar.start().toEpochMilli());
    String took = TimeAxis.humanDuration(ms) + (bar.end() == null ? ", still running" : "");
    String failed = Palette.stateKey(bar.state()).equals("completed") ? "" : " " + bar.state();
    return bar.name() + " " + took + failed;
  }

  /** Every other lane shaded, a line between lanes. */
  private static void drawLaneBands(Svg svg, List<PackedLane> lanes, Layout layout) {
    svg.open("g", "class", "lane-bands");
    int row = 1;
    for (int i = 0; i < lanes.size(); i++) {
      int subRows = lanes.get(i).subRows();
      double top = layout.rowTop(row);
      if (i % 2 == 1) {
        svg.empty(
            "rect",
            "x",
            0.0,
            "y",
            top,
            "width",
            WIDTH,
            "height",
            subRows * ROW_H,
            "fill",
            "#f6f7f9");
      }
      svg.empty("line", "x1", 0.0, "x2", WIDTH, "y1", top, "y2", top, "stroke", Palette.GRID);
      row += subRows;
    }
    svg.close("g");
  }

  private static void drawStages(Svg svg, FleetLanes f, TimeAxis axis, Layout layout) {
    double top = layout.rowTop(0);
    double mid = top + ROW_H / 2 + 4;
    double y = top + (ROW_H - BAR_H) / 2;
    svg.open("g", "class", "stages");
    svg.text(
        "text", "stages", "x", LABEL_RIGHT, "y", mid, "text-anchor", "end", "font-weight", "bold");
    for (FleetLanes.StageSpan s : f.stages()) {
      if (s.start() == null) {
        continue;
      }
      Instant end = s.end() == null ? f.end() : s.end();
      Instant work = s.bakeFrom() == null ? end : s.bakeFrom();
      double x1 = axis.x(s.start());
      double xBake = Math.max(x1 + 1, axis.x(work));
      double x2 = Math.max(xBake, axis.x(end));
      String took = TimeAxis.humanDuration(end.toEpochMilli() - s.start().toEpochMilli());
      svg.withTitle(
          "rect",
          "stage " + s.name() + ": " + took + (s.bakeFrom() == null ? "" : ", bake included"),
          "class",
          "stage",
          "data-stage",
          s.name(),
          "x",
          x1,
          "y",
          y,
          "width",
          xBake - x1,
          "height",
          BAR_H,
          "rx",
          2.0,
          "fill",
          STAGE_FILL);
      if (x2 > xBake) {
        svg.withTitle(
            "rect",
            "stage " + s.name() + ": bake, health re-checked",
            "class",
            "bake",
            "data-stage",
            s.name(),
            "x",
            xBake,
            "y",
            y,
            "width",
            x2 - xBake,
            "height",
            BAR_H,
            "rx",
            2.0,
            "fill",
            BAKE_FILL);
      }
      String name = Layout.truncate(s.name(), 24);
      boolean inside = Layout.textWidth(name, 11) + 8 <= xBake - x1;
      svg.text(
          "text",
          name,
          "x",
          inside ? x1 + 4 : x2 + 4,
          "y",
          mid,
          "font-size",
          11,
          "fill",
          inside ? "#fff" : Palette.TEXT);
    }
    svg.close("g");
  }

  private static void drawLanes(Svg svg, List<PackedLane> lanes, Layout layout) {
    svg.open("g", "class", "lanes");
    int row = 1;
    for (PackedLane lane : lanes) {
      double top = layout.rowTop(row);
      String name = Layout.truncate(lane.lane().name(), 30);
      svg.text(
          "text",
          name,
          "x",
          LABEL_RIGHT,
          "y",
          top + ROW_H / 2 + 4,
          "text-anchor",
          "end",
          "font-weight",
          "bold",
          "class",
          "lane-name");
      if (lane.lane().subtitle() != null) {
        String sub = lane.lane().subtitle();
        svg.textWithTitle(
            "text",
            Layout.truncate(sub, 34),
            sub,
            "x",
            LABEL_RIGHT,
            "y",
            top + ROW_H * 1.5 + 4,
            "text-anchor",
            "end",
            "font-size",
            10,
            "fill",
            Palette.MUTED);
      }
      for (PlacedBar p : lane.bars()) {
        drawBar(svg, lane.lane().name(), p, top + p.subRow() * ROW_H);
      }
      row += lane.subRows();
    }
    svg.close("g");
  }

  private static void drawBar(Svg svg, String cluster, PlacedBar p, double top) {
    double mid = top + ROW_H / 2 + 4;
    String key = Palette.stateKey(p.bar().state());
    svg.withTitle(
        "rect",
        cluster + "/" + p.bar().name() + ": " + p.bar().state() + ", " + p.label(),
        "class",
        "bar state-" + key,
        "data-lane",
        cluster,
        "data-grid",
        p.bar().name(),
        "x",
        p.x1(),
        "y",
        top + (ROW_H - BAR_H) / 2,
        "width",
        p.x2() - p.x1(),
        "height",
        BAR_H,
        "rx",
        2.0,
        "fill",
        Palette.stateColour(key));
    svg.text(
        "text",
        p.label(),
        "x",
        p.labelLeft() ? p.x1() - LABEL_GAP_PX : p.x2() + LABEL_GAP_PX,
        "y",
        mid,
        "font-size",
        11,
        "text-anchor",
        p.labelLeft() ? "end" : "start",
        "class",
        "grid-label");
  }
}
