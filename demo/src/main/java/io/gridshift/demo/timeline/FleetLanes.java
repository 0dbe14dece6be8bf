package io.gridshift.demo.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A fleet run as one picture: a row of stages on top, then one lane per cluster holding a bar per
 * grid upgrade, markers across everything (the schedule firing, stage starts, the gate, a window
 * opening), and the traffic probes' latency and errors below.
 *
 * @param title heading of the page
 * @param start left edge of the time axis
 * @param end right edge of the time axis
 * @param stages the stages in order, each as a span (its bake drawn lighter)
 * @param lanes one per cluster, in the order given
 * @param markers vertical dashed lines across the picture, labelled on top
 * @param samples the traffic probes' operations, all probes together
 * @param summaryLines printed verbatim above the picture
 */
public record FleetLanes(
    String title,
    Instant start,
    Instant end,
    List<StageSpan> stages,
    List<Lane> lanes,
    List<Marker> markers,
    List<Sample> samples,
    List<String> summaryLines) {

  public FleetLanes {
    title = title == null || title.isBlank() ? "Fleet timeline" : title;
    Objects.requireNonNull(start, "FleetLanes start is null: pass the instant the run began");
    Objects.requireNonNull(end, "FleetLanes end is null: pass the instant the run ended (or now)");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "FleetLanes '" + title + "': end " + end + " is not after start " + start);
    }
    stages = stages == null ? List.of() : List.copyOf(stages);
    lanes = lanes == null ? List.of() : List.copyOf(lanes);
    markers = markers == null ? List.of() : List.copyOf(markers);
    samples = samples == null ? List.of() : List.copyOf(samples);
    summaryLines = summaryLines == null ? List.of() : List.copyOf(summaryLines);
  }

  /**
   * One cluster's lane.
   *
   * @param name the cluster
   * @param subtitle a second line under the name (the agent that served it), or null
   * @param bars one per grid: its upgrade from start to end, coloured by state; a grid refused at
   *     plan has start and end at the refusal
   */
  public record Lane(String name, String subtitle, List<Bar> bars) {
    public Lane {
      bars = bars == null ? List.of() : List.copyOf(bars);
    }
  }

  /**
   * One stage.
   *
   * @param name the stage's name
   * @param start when its first grid started; null when it never started (not drawn)
   * @param bakeFrom when its bake began (its last grid ended), or null
   * @param end when it ended (bake included); null while running (drawn to the picture's end)
   */
  public record StageSpan(String name, Instant start, Instant bakeFrom, Instant end) {}

  /** The picture as a {@link Timeline} for what the two share: legend, traffic plot, markers. */
  Timeline asTimeline() {
    List<Bar> bars = lanes.stream().flatMap(l -> l.bars().stream()).toList();
    return new Timeline(title, start, end, bars, markers, samples, summaryLines);
  }
}
