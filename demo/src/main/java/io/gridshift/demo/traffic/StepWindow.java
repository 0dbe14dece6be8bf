package io.gridshift.demo.traffic;

import java.time.Instant;
import java.util.Objects;

/**
 * When an upgrade step ran, to attribute client errors to it.
 *
 * @param name the step's name as the report shows it
 * @param start when it started
 * @param end when it ended; {@code null} while it still runs (open window)
 */
public record StepWindow(String name, Instant start, Instant end) {

  public StepWindow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
  }

  /** True when {@code epochMs} lies in {@code [start, end]}. */
  boolean contains(long epochMs) {
    return epochMs >= start.toEpochMilli() && (end == null || epochMs <= end.toEpochMilli());
  }
}
