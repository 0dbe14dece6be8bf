package io.gridshift.demo.fleet;

import io.gridshift.demo.timeline.Sample;
import io.gridshift.demo.timeline.TimelineHtml;
import io.gridshift.starter.Json;
import io.gridshift.workflows.fleet.FleetStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes the files the fleet demo was asked for: {@code --report} and {@code --timeline}. */
final class FleetOutputs {
  private FleetOutputs() {}

  static void write(
      FleetDemoOptions options,
      FleetReport report,
      FleetStatus end,
      Instant fired,
      Instant windowOpens,
      List<Sample> samples,
      PrintStream out)
      throws IOException {
    if (options.report() != null) {
      Path parent = options.report().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(options.report(), Json.mapper().writeValueAsString(report));
      out.println("Report written to " + options.report());
    }
    if (options.timeline() != null) {
      List<String> clusters =
          FleetLayout.clusters().stream().map(FleetLayout.DemoCluster::name).toList();
      TimelineHtml.write(
          FleetTimeline.of(
              end,
              clusters,
              fired,
              windowOpens,
              Instant.now(),
              samples,
              FleetSummary.lines(report)),
          options.timeline());
      out.println("Timeline written to " + options.timeline() + " (open it in a browser)");
    }
  }
}
