package io.gridshift.demo.fleet;

import io.gridshift.demo.timeline.Bar;
import io.gridshift.demo.timeline.FleetLanes;
import io.gridshift.demo.timeline.Marker;
import io.gridshift.demo.timeline.Sample;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.fleet.FleetStatus.StageStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Builds the fleet demo's {@code --timeline} picture from the fleet's final status: a lane per
 * cluster with a bar per grid, the stages on top, and markers for the schedule firing, each stage's
 * start, the gate and the maintenance window opening.
 */
final class FleetTimeline {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private FleetTimeline() {}

  /**
   * @param clusters the clusters in lane order
   * @param fired when the schedule started the run
   * @param windowOpens when {@value FleetLayout#WINDOW_CLUSTER}'s window opened
   * @param end the picture's right edge (the demo's end)
   * @param samples every probe's operations
   * @param summary lines printed above the picture
   */
  static FleetLanes of(
      FleetStatus status,
      List<String> clusters,
      Instant fired,
      Instant windowOpens,
      Instant end,
      List<Sample> samples,
      List<String> summary) {
    Instant start =
        Stream.concat(Stream.of(fired), times(status).stream())
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(fired);
    Instant last =
        Stream.concat(Stream.of(end), times(status).stream())
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(end);
    List<FleetLanes.Lane> lanes = clusters.stream().map(c -> lane(status, c, start)).toList();
    return new FleetLanes(
        "Fleet " + status.name() + ": " + status.phase(),
        start,
        last.isAfter(start) ? last : start.plusSeconds(1),
        status.stages().stream().map(s -> span(status, s)).toList(),
        lanes,
        markers(status, fired, windowOpens),
        samples,
        summary);
  }

  private static FleetLanes.Lane lane(FleetStatus status, String cluster, Instant start) {
    String agent =
        status.agents() == null
            ? null
            : status.agents().stream()
                .filter(a -> a.cluster().equals(cluster))
                .map(a -> a.identity() == null ? a.state() : "agent " + a.identity())
                .findFirst()
                .orElse(null);
    List<Bar> bars =
        status.grids().stream()
            .filter(g -> g.cluster().equals(cluster))
            .map(g -> bar(g, start))
            .toList();
    return new FleetLanes.Lane(cluster, agent, bars);
  }

  /** A grid's child run; a refused grid is a mark at its refusal (or the picture's start). */
  private static Bar bar(GridStatus g, Instant start) {
    String name = g.namespace() + "/" + g.name();
    if (g.state().equals(FleetReport.REFUSED)) {
      Instant at = g.endedAt() != null ? instant(g.endedAt()) : start;
      return new Bar(name, at, at, g.state());
    }
    return new Bar(name, instant(g.startedAt()), instant(g.endedAt()), g.state());
  }

  private static FleetLanes.StageSpan span(FleetStatus status, StageStatus s) {
    Instant lastGrid =
        status.grids().stream()
            .filter(g -> s.name().equals(g.stage()) && g.endedAt() != null)
            .map(g -> instant(g.endedAt()))
            .max(Comparator.naturalOrder())
            .orElse(null);
    Instant end = instant(s.endedAt());
    Instant bakeFrom = lastGrid != null && end != null && end.isAfter(lastGrid) ? lastGrid : null;
    return new FleetLanes.StageSpan(s.name(), instant(s.startedAt()), bakeFrom, end);
  }

  private static List<Marker> markers(FleetStatus status, Instant fired, Instant windowOpens) {
    List<Marker> markers = new ArrayList<>();
    if (fired != null) {
      markers.add(new Marker("schedule fired", fired, "SCHEDULE_FIRED"));
    }
    for (StageStatus s : status.stages()) {
      if (s.startedAt() != null) {
        markers.add(new Marker("stage " + s.name(), instant(s.startedAt()), "STAGE"));
      }
    }
    List<AuditEntry> audit = status.audit() == null ? List.of() : status.audit();
    for (AuditEntry a : audit) {
      if (a.gate() != null && a.action() != AuditEntry.Action.REFUSED) {
        markers.add(new Marker(gateLabel(a), instant(a.at()), a.action().name()));
      }
    }
    if (windowOpens != null) {
      String local = windowOpens.atZone(ZoneId.of(FleetLayout.WINDOW_ZONE)).format(HH_MM);
      markers.add(
          new Marker(
              FleetLayout.WINDOW_CLUSTER
                  + " window opens ("
                  + local
                  + " "
                  + FleetLayout.WINDOW_ZONE
                  + ")",
              windowOpens,
              "WINDOW_OPENS"));
    }
    return markers;
  }

  private static String gateLabel(AuditEntry a) {
    String who = a.by() == null ? "" : " by " + a.by();
    return switch (a.action()) {
      case GATE_OPENED -> a.gate() + " opened";
      case APPROVED -> a.gate() + " approved" + who;
      case REJECTED -> a.gate() + " rejected" + who;
      case EXPIRED -> a.gate() + " expired";
      default -> a.gate() + " " + a.action().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Every instant the status names (grids and stages), for the picture's edges. */
  private static List<Instant> times(FleetStatus status) {
    List<Instant> times = new ArrayList<>();
    for (GridStatus g : status.grids()) {
      times.add(instant(g.startedAt()));
      times.add(instant(g.endedAt()));
    }
    for (StageStatus s : status.stages()) {
      times.add(instant(s.startedAt()));
      times.add(instant(s.endedAt()));
    }
    return times.stream().filter(Objects::nonNull).toList();
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }
}
