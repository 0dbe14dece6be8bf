package io.gridshift.demo.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one timeline picture shows: the run's window, its steps, its gates, the traffic
 * probe's samples and a few summary lines printed above the picture.
 *
 * @param title heading of the page; a default is used when null or blank
 * @param start left edge of the time axis (the run's start)
 * @param end right edge of the time axis; steps still running are drawn up to here
 * @param steps one row each, in the order given
 * @param gates vertical dashed lines across the whole picture
 * @param samples client operations of the traffic probe (tens of thousands are fine: they are
 *     aggregated per time bucket, never drawn one by one)
 * @param summaryLines printed verbatim (monospace) under the title
 * @param pauses spans the run stood paused, shaded across the picture
 */
public record Timeline(
    String title,
    Instant start,
    Instant end,
    List<Bar> steps,
    List<Marker> gates,
    List<Sample> samples,
    List<String> summaryLines,
    List<Pause> pauses) {

  public Timeline {
    title = title == null || title.isBlank() ? "Upgrade timeline" : title;
    Objects.requireNonNull(start, "Timeline start is null: pass the instant the run began");
    Objects.requireNonNull(end, "Timeline end is null: pass the instant the run ended (or now)");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "Timeline '"
              + title
              + "': end "
              + end
              + " is not after start "
              + start
              + "; pass the run's first and last instants");
    }
    steps = steps == null ? List.of() : List.copyOf(steps);
    gates = gates == null ? List.of() : List.copyOf(gates);
    samples = samples == null ? List.of() : List.copyOf(samples);
    summaryLines = summaryLines == null ? List.of() : List.copyOf(summaryLines);
    pauses = pauses == null ? List.of() : List.copyOf(pauses);
  }

  /** A timeline of a run that was never paused. */
  public Timeline(
      String title,
      Instant start,
      Instant end,
      List<Bar> steps,
      List<Marker> gates,
      List<Sample> samples,
      List<String> summaryLines) {
    this(title, start, end, steps, gates, samples, summaryLines, List.of());
  }
}
