package io.gridshift.demo;

import io.gridshift.demo.measure.Overhead;
import io.gridshift.demo.timeline.Sample;
import io.gridshift.demo.timeline.TimelineHtml;
import io.gridshift.demo.traffic.Percentiles;
import io.gridshift.demo.traffic.TrafficSummary;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The terminal lines and the {@code --timeline} page for a run's measurements. */
final class MeasurementPrinter {
  private MeasurementPrinter() {}

  /** The few lines the terminal summary shows (also the timeline's caption). */
  static List<String> lines(UpgradeMeasurement.Result measured) {
    List<String> lines = new ArrayList<>();
    TrafficSummary t = measured.traffic();
    if (t != null) {
      lines.add(
          String.format(
              "client traffic: %d ops, %d errors, %d lost writes%s",
              t.ops(),
              t.errors(),
              t.lostWrites(),
              t.unreadableKeys() > 0 ? ", " + t.unreadableKeys() + " keys unreadable" : ""));
      lines.add(
          "latency ms p50/p99/max: baseline "
              + latency(t.latencyMs().baseline())
              + ", during the upgrade "
              + latency(t.latencyMs().during()));
      if (!t.errorsByStep().isEmpty()) {
        lines.add(
            "errors by step: "
                + t.errorsByStep().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
      }
    }
    Overhead o = measured.overhead();
    lines.add(
        String.format(
            "time: %.1f s in all, %.1f s at gates,%s %.1f s irreducible waits, orchestration"
                + " overhead %.1f s (%.1f%%)",
            o.wallMs() / 1000.0,
            o.gateWaitMs() / 1000.0,
            o.pausedMs() > 0 ? String.format(" %.1f s paused,", o.pausedMs() / 1000.0) : "",
            o.irreducibleMs() / 1000.0,
            o.overheadMs() / 1000.0,
            o.overheadPercent()));
    if (!o.reactionMs().isEmpty()) {
      lines.add(
          "reaction after pods became ready/safe: "
              + o.reactionMs().stream().map(ms -> ms + " ms").collect(Collectors.joining(", ")));
    }
    return lines;
  }

  static void print(UpgradeMeasurement.Result measured, PrintStream out) {
    out.printf("%nMeasured:%n");
    lines(measured).forEach(line -> out.println("  " + line));
  }

  /** Writes the HTML timeline of the run to {@code file}. */
  static void writeTimeline(
      Path file, String title, UpgradeStatus status, UpgradeMeasurement.Result measured) {
    List<Sample> samples =
        measured.samples().stream().map(s -> new Sample(s.at(), s.latencyMs(), s.ok())).toList();
    var start = UpgradeMeasurement.upgradeStart(status);
    var end = UpgradeMeasurement.upgradeEnd(status);
    if (!samples.isEmpty()) {
      start = samples.get(0).at().isBefore(start) ? samples.get(0).at() : start;
      var last = samples.get(samples.size() - 1).at();
      end = last.isAfter(end) ? last : end;
    }
    TimelineHtml.write(DemoTimeline.of(title, status, start, end, samples, lines(measured)), file);
  }

  private static String latency(Percentiles p) {
    return p == null || p.ops() == 0
        ? "n/a"
        : String.format("%.1f/%.1f/%.1f", p.p50(), p.p99(), p.max());
  }
}
