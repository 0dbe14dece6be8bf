package io.gridshift.sandbox.demo;

import io.gridshift.sandbox.timeline.Bar;
import io.gridshift.sandbox.timeline.Marker;
import io.gridshift.sandbox.timeline.Sample;
import io.gridshift.sandbox.timeline.Timeline;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.time.Instant;
import java.util.List;

/** Builds the {@code --timeline} picture from the final status and the probe's samples. */
final class DemoTimeline {
  private DemoTimeline() {}

  static Timeline of(
      String title,
      UpgradeStatus status,
      Instant start,
      Instant end,
      List<Sample> samples,
      List<String> summary) {
    List<Bar> bars =
        status.steps().stream()
            .map(s -> new Bar(s.name(), instant(s.startedAt()), instant(s.endedAt()), state(s)))
            .toList();
    List<Marker> gates =
        status.audit().stream()
            .filter(a -> a.gate() != null && a.action() != AuditEntry.Action.REFUSED)
            .map(a -> new Marker(label(a), instant(a.at()), a.action().name()))
            .toList();
    return new Timeline(title, start, end, bars, gates, samples, summary);
  }

  private static String label(AuditEntry a) {
    String who = a.by() == null ? "" : " by " + a.by();
    return switch (a.action()) {
      case GATE_OPENED -> a.gate() + " opened";
      case APPROVED -> a.gate() + " approved" + who;
      case REJECTED -> a.gate() + " rejected" + who;
      case EXPIRED -> a.gate() + " expired";
      default -> a.gate() + " " + a.action().name().toLowerCase();
    };
  }

  private static String state(StepStatus s) {
    return s.state() == null ? null : s.state().name();
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }
}
