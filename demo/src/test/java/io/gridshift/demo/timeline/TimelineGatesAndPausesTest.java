package io.gridshift.demo.timeline;

import static io.gridshift.demo.timeline.TimelineHtmlTest.parseSvg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Gate labels stay readable however close the gates are; pauses are drawn. */
class TimelineGatesAndPausesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  /** The Infinispan demo with --yes: each gate decided within a second, the last two close. */
  @Test
  void labelsOfCloseGatesNeitherOverlapNorAreCrossedByAnotherGatesLine() throws Exception {
    List<Marker> gates =
        List.of(
            new Marker("writes-paused opened", at(62_000), "GATE_OPENED"),
            new Marker("writes-paused approved by demo", at(62_700), "APPROVED"),
            new Marker("switch-traffic opened", at(107_000), "GATE_OPENED"),
            new Marker("switch-traffic approved by demo", at(107_300), "APPROVED"),
            new Marker("cutover opened", at(129_500), "GATE_OPENED"),
            new Marker("cutover approved by demo", at(129_600), "APPROVED"),
            new Marker("delete-source opened", at(131_600), "GATE_OPENED"),
            new Marker("delete-source approved by demo", at(132_000), "APPROVED"));
    assertReadable(render(gates, 137_000, List.of()));
  }

  /** Gates a person decided a few seconds apart, and ten distinct gates a second apart. */
  @Test
  void labelsStayClearWhenManyGatesFollowEachOther() throws Exception {
    List<Marker> gates = new ArrayList<>();
    gates.add(new Marker("canary opened", at(26_900), "GATE_OPENED"));
    gates.add(new Marker("canary approved by alice", at(27_500), "APPROVED"));
    for (int i = 0; i < 10; i++) {
      gates.add(new Marker("retry " + i + " opened", at(60_000 + i * 1_000), "GATE_OPENED"));
    }
    assertReadable(render(gates, 120_000, List.of()));
  }

  @Test
  void gatesDecidedAtOnceShareOneLabelAndKeepTheirLines() throws Exception {
    Document svg =
        render(
            List.of(
                new Marker("cutover opened", at(50_000), "GATE_OPENED"),
                new Marker("cutover approved by demo", at(50_100), "APPROVED")),
            120_000,
            List.of());

    assertThat(elements(svg, "line", "gate ")).hasSize(2);
    assertThat(labels(svg))
        .extracting(Label::text)
        .containsExactly("cutover opened, approved by demo");
  }

  @Test
  void drawsEachPauseAsABandWithWhoPausedAndWhy() throws Exception {
    Document svg =
        render(
            List.of(new Marker("paused by bob: lunch", at(40_000), "PAUSED")),
            120_000,
            List.of(
                new Pause("paused by bob: lunch", at(40_000), at(70_000)),
                new Pause("paused by carol", at(100_000), null)));

    List<Element> bands = elements(svg, "rect", "pause");
    assertThat(bands).hasSize(2);
    double left = Layout.PLOT_LEFT;
    double pxPerMs = Layout.plotWidth() / 120_000;
    assertThat(num(bands.get(0), "x")).isCloseTo(left + 40_000 * pxPerMs, within(0.3));
    assertThat(num(bands.get(0), "width")).isCloseTo(30_000 * pxPerMs, within(0.3));
    assertThat(bands.get(0).getTextContent()).contains("paused by bob: lunch").contains("30 s");
    // Never resumed: drawn to the end.
    assertThat(num(bands.get(1), "x") + num(bands.get(1), "width"))
        .isCloseTo(left + Layout.plotWidth(), within(0.3));
    assertThat(bands.get(1).getTextContent()).contains("never resumed");
    assertThat(labels(svg)).extracting(Label::text).contains("paused by bob: lunch");
    assertThat(svg.getDocumentElement().getTextContent()).contains("time paused");
  }

  private record Label(String text, double from, double to, double top, double bottom) {}

  private static void assertReadable(Document svg) {
    List<Label> labels = labels(svg);
    assertThat(labels).isNotEmpty();
    for (int i = 0; i < labels.size(); i++) {
      for (int j = i + 1; j < labels.size(); j++) {
        Label a = labels.get(i);
        Label b = labels.get(j);
        boolean overlap =
            a.from() < b.to() && b.from() < a.to() && a.top() < b.bottom() && b.top() < a.bottom();
        assertThat(overlap).as("'%s' overlaps '%s'", a.text(), b.text()).isFalse();
      }
    }
    for (Element line : elements(svg, "line", "gate ")) {
      double x = num(line, "x1");
      double top = num(line, "y1");
      for (Label l : labels) {
        boolean crosses = x > l.from() && x < l.to() && top < l.bottom();
        assertThat(crosses)
            .as("the line of '%s' crosses label '%s'", line.getTextContent(), l.text())
            .isFalse();
      }
    }
  }

  /** Each gate label's box, from the same width estimate the layout uses. */
  private static List<Label> labels(Document svg) {
    List<Label> labels = new ArrayList<>();
    for (Element e : elements(svg, "text", "gate-label")) {
      String text = e.getFirstChild().getNodeValue();
      double w = Layout.textWidth(text, 11);
      double x = num(e, "x");
      double y = num(e, "y");
      boolean end = "end".equals(e.getAttribute("text-anchor"));
      labels.add(new Label(text, end ? x - w : x, end ? x : x + w, y - 9, y + 2));
    }
    return labels;
  }

  private static Document render(List<Marker> gates, long spanMs, List<Pause> pauses)
      throws Exception {
    List<Bar> steps = List.of(new Bar("plan", T0, at(spanMs), "COMPLETED"));
    return parseSvg(
        TimelineHtml.render(
            new Timeline("t", T0, at(spanMs), steps, gates, List.of(), List.of(), pauses)));
  }

  private static List<Element> elements(Document svg, String tag, String classPrefix) {
    NodeList nodes = svg.getElementsByTagName(tag);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (e.getAttribute("class").startsWith(classPrefix)) {
        found.add(e);
      }
    }
    return found;
  }

  private static Instant at(long offsetMs) {
    return T0.plusMillis(offsetMs);
  }

  private static double num(Element e, String attr) {
    return Double.parseDouble(e.getAttribute(attr));
  }
}
