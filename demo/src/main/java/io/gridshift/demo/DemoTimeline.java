package io.gridshift.demo;

import io.gridshift.demo.timeline.Bar;
import io.gridshift.demo.timeline.Marker;
import io.gridshift.demo.timeline.Pause;
import io.gridshift.demo.timeline.Sample;
import io.gridshift.demo.timeline.Timeline;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.time.Instant;
import java.util.ArrayList;
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
            .filter(DemoTimeline::marked)
            .map(a -> new Marker(label(a), instant(a.at()), a.action().name()))
            .toList();
    return new Timeline(title, start, end, bars, gates, samples, summary, pauses(status));
  }

  /** Gate events (refusals changed nothing) and pauses and resumes. */
  private static boolean marked(AuditEntry a) {
    return a.action() == AuditEntry.Action.PAUSED
        || a.action() == AuditEntry.Action.RESUMED
        || (a.gate() != null && a.action() != AuditEntry.Action.REFUSED);
  }

  /** Each PAUSED up to the RESUMED after it (open when none followed), labelled who and why. */
  static List<Pause> pauses(UpgradeStatus status) {
    List<Pause> pauses = new ArrayList<>();
    AuditEntry since = null;
    for (AuditEntry a : status.audit()) {
      if (a.action() == AuditEntry.Action.PAUSED && since == null) {
        since = a;
      } else if (a.action() == AuditEntry.Action.RESUMED && since != null) {
        pauses.add(new Pause(label(since), instant(since.at()), instant(a.at())));
        since = null;
      }
    }
    if (since != null) {
      pauses.add(new Pause(label(since), instant(since.at()), null));
    }
    return pauses;
  }

  private static String label(AuditEntry a) {
    String who = a.by() == null ? "" : " by " + a.by();
    String why = a.comment() == null || a.comment().isBlank() ? "" : ": " + a.comment();
    return switch (a.action()) {
      case PAUSED -> "paused" + who + why;
      case RESUMED -> "resumed" + who;
      case GATE_OPENED -> a.gate() + " opened";
      case APPROVED -> a.gate() + " approved" + who;
      case REJECTED -> a.gate() + " rejected" + who;
      case EXPIRED -> a.gate() + " expired";
      case TOOK_OVER -> a.gate() + " taken over" + who;
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
