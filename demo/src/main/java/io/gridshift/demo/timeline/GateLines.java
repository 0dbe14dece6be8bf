package io.gridshift.demo.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gate markers: a dashed vertical line through steps, latency and errors, labelled at the top.
 *
 * <p>A label sits in a lane above the time axis, and its line runs down from it through every lower
 * lane; so close markers need more than separate lanes. Labels are placed thus:
 *
 * <ol>
 *   <li>Markers closer than {@link #MERGE_PX} (a gate opened and approved at once by {@code --yes})
 *       share one label, e.g. "cutover opened, approved by demo"; each keeps its own line.
 *   <li>Each label goes right of its line, or left of it when it would run off the picture or over
 *       the line of a marker to its right whose label already went left.
 *   <li>A marker whose line falls under another's label must sit in a lower lane, so its line
 *       starts below that label: labels to the right step down to the right, labels to the left
 *       step down to the left. So right-side labels are placed right to left, then left-side labels
 *       left to right, each in the lowest lane above every line it covers and free of other labels.
 *   <li>Past {@link #MAX_LANES} a label is left off (its line keeps its tooltip): never an overlap.
 * </ol>
 */
final class GateLines {
  static final int MAX_LANES = 12;
  static final double MERGE_PX = 6;
  private static final int LABEL_CHARS = 40;
  private static final double FONT_PX = 11;
  private static final double GAP_PX = 8;
  private static final double TEXT_OFFSET_PX = 3;

  /**
   * A marker with its x and its label's lane and side; {@code text} is null for a marker drawn as a
   * line only (its label is shared with the marker before it, or left off), and {@code lane} is -1
   * when no label of its group is drawn; {@code fullText} is the label before truncation.
   */
  record Placed(
      Marker marker,
      String key,
      double x,
      int lane,
      String text,
      String fullText,
      boolean labelLeft) {}

  /** Markers sharing one label. */
  private static final class Group {
    final List<Marker> members = new ArrayList<>();
    final List<Double> xs = new ArrayList<>();
    String fullText;
    String text;
    double width;
    boolean left;
    int lane = -1;

    double x() {
      return xs.get(0);
    }

    double from() {
      return left ? x() - TEXT_OFFSET_PX - width : x() + TEXT_OFFSET_PX;
    }

    double to() {
      return left ? x() - TEXT_OFFSET_PX : x() + TEXT_OFFSET_PX + width;
    }
  }

  private GateLines() {}

  static List<Placed> place(List<Marker> markers, TimeAxis axis) {
    List<Group> groups = group(markers, axis);
    chooseSides(groups);
    List<Group> order = new ArrayList<>();
    groups.stream()
        .filter(g -> !g.left)
        .sorted(Comparator.comparing(Group::x).reversed())
        .forEach(order::add);
    groups.stream().filter(g -> g.left).forEach(order::add);
    List<Group> placed = new ArrayList<>();
    for (Group g : order) {
      g.lane = lowestLane(g, placed);
      if (g.lane >= 0) {
        placed.add(g);
      }
    }
    List<Placed> result = new ArrayList<>();
    for (Group g : groups) {
      for (int i = 0; i < g.members.size(); i++) {
        Marker m = g.members.get(i);
        String text = i == 0 && g.lane >= 0 ? g.text : null;
        result.add(
            new Placed(
                m, Palette.markerKey(m.kind()), g.xs.get(i), g.lane, text, g.fullText, g.left));
      }
    }
    return result;
  }

  /** Step 1: markers in time order, those within {@link #MERGE_PX} of a group's first joined. */
  private static List<Group> group(List<Marker> markers, TimeAxis axis) {
    List<Marker> sorted = new ArrayList<>(markers);
    sorted.removeIf(m -> m == null || m.at() == null);
    sorted.sort(Comparator.comparing(Marker::at));
    List<Group> groups = new ArrayList<>();
    for (Marker m : sorted) {
      double x = axis.x(m.at());
      Group last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last == null || x - last.x() >= MERGE_PX) {
        last = new Group();
        groups.add(last);
      }
      last.members.add(m);
      last.xs.add(x);
    }
    for (Group g : groups) {
      g.fullText = joined(g.members);
      g.text = Layout.truncate(g.fullText, LABEL_CHARS);
      g.width = Layout.textWidth(g.text, FONT_PX) + 4;
    }
    return groups;
  }

  /** "cutover opened" and "cutover approved by demo" read "cutover opened, approved by demo". */
  static String joined(List<Marker> members) {
    StringBuilder text = new StringBuilder(members.get(0).label());
    String subject = firstWord(members.get(0).label());
    for (Marker m : members.subList(1, members.size())) {
      String label = m.label();
      boolean same = !subject.isEmpty() && firstWord(label).equals(subject);
      text.append(", ").append(same ? label.substring(subject.length()).trim() : label);
    }
    return text.toString();
  }

  private static String firstWord(String label) {
    int space = label.indexOf(' ');
    return space < 0 ? "" : label.substring(0, space);
  }

  /** Step 2: right to left, each label right of its line unless that does not fit. */
  private static void chooseSides(List<Group> groups) {
    List<Double> leftLines = new ArrayList<>();
    for (int i = groups.size() - 1; i >= 0; i--) {
      Group g = groups.get(i);
      g.left = false;
      double to = g.to();
      boolean offPicture = to > Layout.WIDTH - 4;
      boolean overALeftLine = leftLines.stream().anyMatch(x -> x <= to + GAP_PX);
      boolean roomLeft = g.x() - TEXT_OFFSET_PX - g.width >= 4;
      g.left = (offPicture || overALeftLine) && roomLeft;
      if (g.left) {
        leftLines.addAll(g.xs);
      }
    }
  }

  /**
   * Step 3: the lowest lane above every placed line under this label and clear of every placed
   * label it would touch; -1 past {@link #MAX_LANES}.
   */
  private static int lowestLane(Group g, List<Group> placed) {
    int lane = 0;
    for (Group other : placed) {
      for (double x : other.xs) {
        if (x >= g.from() - 1 && x <= g.to() + 1) {
          lane = Math.max(lane, other.lane + 1);
        }
      }
    }
    for (; lane < MAX_LANES; lane++) {
      if (clear(g, lane, placed)) {
        return lane;
      }
    }
    return -1;
  }

  private static boolean clear(Group g, int lane, List<Group> placed) {
    for (Group other : placed) {
      if (other.lane == lane && other.from() < g.to() + GAP_PX && g.from() < other.to() + GAP_PX) {
        return false;
      }
    }
    return true;
  }

  static int laneCount(List<Placed> placed) {
    return placed.stream().mapToInt(Placed::lane).max().orElse(-1) + 1;
  }

  static void draw(Svg svg, List<Placed> placed, TimeAxis axis, Layout layout) {
    svg.open("g", "class", "gates");
    for (Placed p : placed) {
      String colour = Palette.markerColour(p.key());
      double top = p.lane() < 0 ? layout.axisY() - 2 : layout.laneBaseline(p.lane()) + 4;
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
          top,
          "y2",
          layout.stripBottom(),
          "stroke",
          colour,
          "stroke-width",
          1.5,
          "stroke-dasharray",
          Palette.markerDash(p.key()));
      if (p.text() != null) {
        drawLabel(svg, p, colour, layout.laneBaseline(p.lane()));
      }
    }
    svg.close("g");
  }

  private static void drawLabel(Svg svg, Placed p, String colour, double baseline) {
    Object[] attrs = {
      "x",
      p.labelLeft() ? p.x() - TEXT_OFFSET_PX : p.x() + TEXT_OFFSET_PX,
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
    if (p.text().equals(p.fullText())) {
      svg.text("text", p.text(), attrs);
    } else {
      svg.textWithTitle("text", p.text(), p.fullText(), attrs);
    }
  }

  private static String offsetLabel(Marker m, TimeAxis axis) {
    return "+" + TimeAxis.humanDuration(Math.max(0, axis.offsetMs(m.at())));
  }
}
