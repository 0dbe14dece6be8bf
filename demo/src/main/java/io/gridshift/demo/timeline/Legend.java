package io.gridshift.demo.timeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The legend, listing only what the picture shows (states that occur, marker kinds that occur),
 * flowed left to right and wrapped to as many rows as it needs.
 */
final class Legend {
  private static final double SWATCH_PX = 22;
  private static final double ITEM_GAP_PX = 18;
  private static final double LEFT = 10;

  private enum Shape {
    BOX,
    LINE,
    DASH,
    BAND
  }

  private record Item(Shape shape, String colour, String dash, String label) {
    double width() {
      return SWATCH_PX + 6 + Layout.textWidth(label, 11) + ITEM_GAP_PX;
    }
  }

  private final List<Item> items;

  private Legend(List<Item> items) {
    this.items = items;
  }

  static Legend of(Timeline t, LatencyBuckets b) {
    List<Item> items = new ArrayList<>();
    Set<String> states = new LinkedHashSet<>();
    t.steps().stream()
        .filter(s -> s.start() != null)
        .forEach(s -> states.add(Palette.stateKey(s.state())));
    for (String k : states) {
      items.add(new Item(Shape.BOX, Palette.stateColour(k), null, Palette.stateLabel(k)));
    }
    if (b.totalOk() > 0) {
      items.add(new Item(Shape.LINE, Palette.P50, null, "p50 latency"));
      items.add(new Item(Shape.LINE, Palette.MAX, null, "max latency"));
    }
    if (b.totalErrors() > 0) {
      items.add(new Item(Shape.BOX, Palette.ERROR, null, "errors (taller = larger share failed)"));
    }
    if (!t.pauses().isEmpty()) {
      items.add(new Item(Shape.BAND, PauseBands.FILL, null, "time paused"));
    }
    Set<String> kinds = new LinkedHashSet<>();
    t.gates().stream()
        .filter(m -> m.at() != null)
        .forEach(m -> kinds.add(Palette.markerKey(m.kind())));
    for (String k : kinds) {
      items.add(
          new Item(
              Shape.DASH, Palette.markerColour(k), Palette.markerDash(k), Palette.markerLabel(k)));
    }
    return new Legend(items);
  }

  int rows() {
    int rows = 1;
    double x = LEFT;
    for (Item i : items) {
      if (x + i.width() > Layout.WIDTH && x > LEFT) {
        rows++;
        x = LEFT;
      }
      x += i.width();
    }
    return rows;
  }

  void draw(Svg svg, double top) {
    svg.open("g", "class", "legend", "font-size", 11);
    double x = LEFT;
    double y = top;
    for (Item i : items) {
      if (x + i.width() > Layout.WIDTH && x > LEFT) {
        x = LEFT;
        y += Layout.LEGEND_ROW_H;
      }
      drawSwatch(svg, i, x, y);
      svg.text("text", i.label(), "x", x + SWATCH_PX + 6, "y", y + 12);
      x += i.width();
    }
    svg.close("g");
  }

  private static void drawSwatch(Svg svg, Item i, double x, double y) {
    switch (i.shape()) {
      case BOX ->
          svg.empty(
              "rect",
              "x",
              x,
              "y",
              y + 2,
              "width",
              SWATCH_PX,
              "height",
              11.0,
              "rx",
              2.0,
              "fill",
              i.colour());
      case BAND ->
          svg.empty(
              "rect",
              "x",
              x,
              "y",
              y,
              "width",
              SWATCH_PX,
              "height",
              15.0,
              "fill",
              i.colour(),
              "fill-opacity",
              PauseBands.OPACITY);
      case LINE ->
          svg.empty(
              "line",
              "x1",
              x,
              "x2",
              x + SWATCH_PX,
              "y1",
              y + 8,
              "y2",
              y + 8,
              "stroke",
              i.colour(),
              "stroke-width",
              2.0);
      case DASH ->
          svg.empty(
              "line",
              "x1",
              x + SWATCH_PX / 2,
              "x2",
              x + SWATCH_PX / 2,
              "y1",
              y,
              "y2",
              y + 15,
              "stroke",
              i.colour(),
              "stroke-width",
              1.5,
              "stroke-dasharray",
              i.dash());
    }
  }
}
