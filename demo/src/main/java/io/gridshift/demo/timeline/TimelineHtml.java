package io.gridshift.demo.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link Timeline} as one self-contained HTML page: title and summary lines on top, then
 * an inline SVG with the steps as bars on a time axis, gate markers, client latency and errors, and
 * a legend. No scripts, fonts or stylesheets are loaded from anywhere: the file can be mailed,
 * opened offline, or attached to a ticket. Tooltips come from SVG {@code <title>} elements, so they
 * need no JavaScript either.
 */
public final class TimelineHtml {
  private static final Logger log = LoggerFactory.getLogger(TimelineHtml.class);
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
          + "margin:16px 24px;color:#222;background:#f4f5f7}"
          + "h1{font-size:20px;margin:0 0 8px}"
          + "pre.summary{font-size:13px;line-height:1.4;background:#fff;border:1px solid #dde1e6;"
          + "padding:8px 12px;margin:0 0 12px;max-width:1176px;overflow-x:auto}"
          + ".chart{background:#fff;border:1px solid #dde1e6;display:inline-block}"
          + ".chart svg{display:block}"
          + "p.note{font-size:12px;color:#6b7580;margin:8px 0}";

  private TimelineHtml() {}

  /** The complete HTML page for {@code t}. */
  public static String render(Timeline t) {
    return page(t.title(), t.summaryLines(), TimelineSvg.render(t), t.start(), t.end());
  }

  /** The complete HTML page for a fleet's timeline {@code t}: one lane per cluster. */
  public static String render(FleetLanes t) {
    return page(t.title(), t.summaryLines(), FleetLanesSvg.render(t), t.start(), t.end());
  }

  private static String page(
      String title, List<String> summaryLines, String svg, Instant start, Instant end) {
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(Svg.escape(title))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(Svg.escape(title))
        .append("</h1>\n");
    if (!summaryLines.isEmpty()) {
      html.append("<pre class=\"summary\">");
      for (String line : summaryLines) {
        html.append(Svg.escape(line == null ? "" : line)).append('\n');
      }
      html.append("</pre>\n");
    }
    html.append("<div class=\"chart\">\n").append(svg).append("</div>\n");
    html.append("<p class=\"note\">From ")
        .append(UTC.format(start))
        .append(" to ")
        .append(UTC.format(end))
        .append(" (")
        .append(TimeAxis.humanDuration(Duration.between(start, end).toMillis()))
        .append("). Hover over bars, markers and error marks for details.</p>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  /**
   * Writes the page for {@code t} to {@code file} (UTF-8), creating parent directories.
   *
   * @throws UncheckedIOException when the file cannot be written, naming the file
   */
  public static void write(Timeline t, Path file) {
    String html = render(t);
    writePage(html, file);
    log.info(
        "Timeline written to {} ({} KB, {} steps, {} samples)",
        file,
        html.length() / 1024,
        t.steps().size(),
        t.samples().size());
  }

  /**
   * Writes the page for the fleet timeline {@code t} to {@code file} (UTF-8), creating parent
   * directories.
   *
   * @throws UncheckedIOException when the file cannot be written, naming the file
   */
  public static void write(FleetLanes t, Path file) {
    writePage(render(t), file);
  }

  private static void writePage(String html, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write the timeline to "
              + file
              + ": "
              + e.getMessage()
              + "; check that the directory exists and is writable",
          e);
    }
  }
}
