package io.gridshift.demo.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class TimelineHtmlTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final String NASTY = "<b>&x";
  private static final String NASTY_GATE = "ok \"go\" <script>alert(1)</script>";
  // Errors are injected into [40 s, 45 s): every 10th operation fails there.
  private static final long ERR_FROM_MS = 40_000;
  private static final long ERR_TO_MS = 45_000;

  @Test
  void drawsOneBarPerStartedStepWithWidthsProportionalToDurations() throws Exception {
    Document svg = parseSvg(TimelineHtml.render(timeline(true)));
    Map<String, Element> bars = barsByStep(svg);

    // "cleanup" never started: a row with its name, but no bar.
    assertThat(bars).containsOnlyKeys("plan", NASTY, "roll");
    Element plan = bars.get("plan");
    Element roll = bars.get("roll");
    // plan starts at the timeline's start, roll is still running: drawn to the timeline's end.
    double left = num(plan, "x");
    double right = num(roll, "x") + num(roll, "width");
    double pxPerMs = (right - left) / 120_000;

    Element failed = bars.get(NASTY);
    assertThat(num(failed, "x")).isCloseTo(left + 30_000 * pxPerMs, within(0.3));
    assertThat(num(failed, "width")).isCloseTo(60_000 * pxPerMs, within(0.3));
    assertThat(num(plan, "width")).isCloseTo(20_000 * pxPerMs, within(0.3));
    assertThat(num(failed, "width") / num(plan, "width")).isCloseTo(3.0, within(0.02));
    assertThat(num(roll, "width")).isCloseTo(20_000 * pxPerMs, within(0.3));
    assertThat(failed.getAttribute("class")).isEqualTo("bar state-failed");
    assertThat(plan.getAttribute("class")).isEqualTo("bar state-completed");
  }

  @Test
  void drawsGateLinesAtTheirTime() throws Exception {
    Document svg = parseSvg(TimelineHtml.render(timeline(true)));
    Map<String, Element> bars = barsByStep(svg);
    double left = num(bars.get("plan"), "x");
    double right = num(bars.get("roll"), "x") + num(bars.get("roll"), "width");

    List<Element> gates = byClassPrefix(svg, "line", "gate ");
    assertThat(gates).hasSize(2);
    assertThat(num(gates.get(0), "x1")).isCloseTo(left + (right - left) * 25 / 120.0, within(0.3));
    assertThat(gates.get(0).getAttribute("class")).isEqualTo("gate gate-gate-opened");
    assertThat(num(gates.get(1), "x1")).isCloseTo(left + (right - left) * 28 / 120.0, within(0.3));
    assertThat(gates.get(1).getAttribute("class")).isEqualTo("gate gate-approved");
  }

  @Test
  void marksErrorsOnlyWhereTheyHappened() throws Exception {
    Timeline t = timeline(true);
    long injected = t.samples().stream().filter(s -> !s.ok()).count();
    Document svg = parseSvg(TimelineHtml.render(t));
    Map<String, Element> bars = barsByStep(svg);
    double left = num(bars.get("plan"), "x");
    double right = num(bars.get("roll"), "x") + num(bars.get("roll"), "width");
    double pxPerMs = (right - left) / 120_000;

    List<Element> marks = byClassPrefix(svg, "rect", "err");
    assertThat(injected).isGreaterThan(50);
    assertThat(marks).isNotEmpty();
    // Buckets are about 2 px wide: a mark may start up to one bucket before the first error.
    for (Element m : marks) {
      assertThat(num(m, "x"))
          .isBetween(left + ERR_FROM_MS * pxPerMs - 3, left + ERR_TO_MS * pxPerMs);
    }
    long drawn = marks.stream().mapToLong(m -> Long.parseLong(m.getAttribute("data-errors"))).sum();
    assertThat(drawn).isEqualTo(injected);
    assertThat(texts(svg, "err-count").stream().mapToLong(Long::parseLong).sum())
        .isEqualTo(injected);
  }

  @Test
  void drawsNoErrorMarksInAnErrorFreeRun() throws Exception {
    Document svg = parseSvg(TimelineHtml.render(timeline(false)));

    assertThat(byClassPrefix(svg, "rect", "err")).isEmpty();
    assertThat(texts(svg, "no-errors")).containsExactly("no errors");
    assertThat(byClassPrefix(svg, "path", "p50")).hasSize(1);
  }

  @Test
  void escapesNamesAndLabelsFromData() throws Exception {
    String html = TimelineHtml.render(timeline(true));
    Document svg = parseSvg(html);

    assertThat(html).doesNotContain(NASTY).doesNotContain("<script").doesNotContain("<b>");
    assertThat(html).contains("&lt;b&gt;&amp;x");
    assertThat(svg.getElementsByTagName("b").getLength()).isZero();
    assertThat(svg.getElementsByTagName("script").getLength()).isZero();
    assertThat(texts(svg, "step-name")).contains(NASTY, "plan", "cleanup");
    assertThat(texts(svg, "gate-label")).contains(NASTY_GATE);
    assertThat(html).contains("<title>Upgrade &lt;i&gt;demo&lt;/i&gt;</title>");
    assertThat(html).contains("ops 20,000 &amp; errors");
  }

  @Test
  void staysSmallForTwentyThousandSamples() throws Exception {
    String html = TimelineHtml.render(timeline(true));

    assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(300 * 1024);
    // Two paths carry all latency points, whatever the sample count.
    assertThat(parseSvg(html).getElementsByTagName("path").getLength()).isEqualTo(2);
  }

  @Test
  void writesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/timeline.html");
    TimelineHtml.write(timeline(true), file);

    String html = Files.readString(file);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    // Self-contained: nothing is fetched (the only URL is the SVG namespace name, never loaded).
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("href=")
        .doesNotContain("src=")
        .doesNotContain("url(")
        .doesNotContain("@import")
        .doesNotContain("://");
  }

  @Test
  void rendersARunWithoutStepsGatesOrSamples() throws Exception {
    Timeline empty = new Timeline(null, T0, at(5_000), null, null, null, null);
    Document svg = parseSvg(TimelineHtml.render(empty));

    assertThat(byClassPrefix(svg, "rect", "bar ")).isEmpty();
    assertThat(svg.getElementsByTagName("path").getLength()).isZero();
    assertThat(texts(svg, "no-errors")).containsExactly("no errors");
    assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo("Upgrade timeline");
  }

  @Test
  void rejectsAnEmptyWindow() {
    assertThatThrownBy(() -> new Timeline("x", T0, T0, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not after start");
  }

  /** 120 s: plan 0-20 s, the nasty step 30-90 s failed, roll from 100 s still running. */
  static Timeline timeline(boolean withErrors) {
    List<Bar> steps =
        List.of(
            new Bar("plan", T0, at(20_000), "COMPLETED"),
            new Bar(NASTY, at(30_000), at(90_000), "FAILED"),
            new Bar("roll", at(100_000), null, "RUNNING"),
            new Bar("cleanup", null, null, "PENDING"));
    List<Marker> gates =
        List.of(
            new Marker("gate opened", at(25_000), "GATE_OPENED"),
            new Marker(NASTY_GATE, at(28_000), "APPROVED"));
    return new Timeline(
        "Upgrade <i>demo</i>",
        T0,
        at(120_000),
        steps,
        gates,
        samples(withErrors),
        List.of("ops 20,000 & errors"));
  }

  private static List<Sample> samples(boolean withErrors) {
    Random random = new Random(42);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      long offset = i * 6L; // 0 .. 119.994 s
      boolean inErrorWindow = offset >= ERR_FROM_MS && offset < ERR_TO_MS;
      boolean ok = !(withErrors && inErrorWindow && i % 10 == 0);
      double latency = 0.5 + random.nextDouble() * 2 + (random.nextInt(500) == 0 ? 80 : 0);
      samples.add(new Sample(at(offset), latency, ok));
    }
    return samples;
  }

  private static Instant at(long offsetMs) {
    return T0.plusMillis(offsetMs);
  }

  static Document parseSvg(String html) throws Exception {
    int from = html.indexOf("<svg");
    int to = html.indexOf("</svg>") + "</svg>".length();
    assertThat(from).isNotNegative();
    assertThat(html.indexOf("<svg", from + 1)).as("exactly one svg element").isEqualTo(-1);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new InputSource(new StringReader(html.substring(from, to))));
  }

  private static Map<String, Element> barsByStep(Document svg) {
    Map<String, Element> bars = new HashMap<>();
    for (Element e : byClassPrefix(svg, "rect", "bar ")) {
      assertThat(bars.put(e.getAttribute("data-step"), e)).as("one bar per step").isNull();
    }
    return bars;
  }

  private static List<Element> byClassPrefix(Document svg, String tag, String prefix) {
    NodeList nodes = svg.getElementsByTagName(tag);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (e.getAttribute("class").startsWith(prefix)) {
        found.add(e);
      }
    }
    return found;
  }

  /** The own text of each {@code <text>} with this class (a tooltip child is left out). */
  private static List<String> texts(Document svg, String cls) {
    List<String> found = new ArrayList<>();
    for (Element e : byClassPrefix(svg, "text", cls)) {
      StringBuilder own = new StringBuilder();
      for (int i = 0; i < e.getChildNodes().getLength(); i++) {
        if (e.getChildNodes().item(i).getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
          own.append(e.getChildNodes().item(i).getNodeValue());
        }
      }
      found.add(own.toString());
    }
    return found;
  }

  private static double num(Element e, String attr) {
    return Double.parseDouble(e.getAttribute(attr));
  }
}
