package io.gridshift.demo;

import io.gridshift.starter.Json;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;

/** Writes the files a demo run was asked for: {@code --report} and {@code --timeline}. */
final class DemoOutputs {
  private DemoOutputs() {}

  static void write(
      DemoOptions options,
      DemoReport report,
      UpgradeStatus status,
      UpgradeMeasurement.Result measured,
      String title,
      PrintStream out)
      throws IOException {
    if (options.report() != null) {
      Files.writeString(options.report(), Json.mapper().writeValueAsString(report));
      out.println("Report written to " + options.report());
    }
    if (options.timeline() != null) {
      MeasurementPrinter.writeTimeline(options.timeline(), title, status, measured);
      out.println("Timeline written to " + options.timeline() + " (open it in a browser)");
    }
  }
}
