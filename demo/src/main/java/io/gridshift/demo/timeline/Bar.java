package io.gridshift.demo.timeline;

import java.time.Instant;

/**
 * One step of the run, drawn as a bar coloured by its state.
 *
 * @param name the step's name (any text: it is escaped)
 * @param start when the step began; null when it never ran (the row shows "not started", no bar)
 * @param end when the step ended; null while it is still running (drawn to the timeline's end)
 * @param state e.g. COMPLETED, SUCCEEDED, FAILED, SKIPPED, RUNNING, WAITING_APPROVAL, COMPENSATED
 */
public record Bar(String name, Instant start, Instant end, String state) {

  public Bar {
    name = name == null ? "(unnamed step)" : name;
    state = state == null ? "UNKNOWN" : state;
  }
}
