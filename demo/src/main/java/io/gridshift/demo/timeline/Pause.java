package io.gridshift.demo.timeline;

import java.time.Instant;

/**
 * A span during which the run stood paused, drawn as a shaded band across steps, latency and
 * errors.
 *
 * @param label who paused and why, shown as the band's tooltip (escaped)
 * @param start when the pause began
 * @param end when it was resumed; null when it never was (drawn to the timeline's end)
 */
public record Pause(String label, Instant start, Instant end) {

  public Pause {
    label = label == null ? "paused" : label;
  }
}
