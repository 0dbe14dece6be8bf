package io.gridshift.demo.timeline;

import java.time.Instant;

/**
 * A moment worth a vertical line across the picture: a gate opening, its decision, a failure.
 *
 * @param label text next to the line (escaped)
 * @param at when it happened; markers with a null time are not drawn
 * @param kind GATE_OPENED, APPROVED, REJECTED, EXPIRED, FAILURE (others are drawn in grey)
 */
public record Marker(String label, Instant at, String kind) {

  public Marker {
    label = label == null ? "" : label;
    kind = kind == null ? "OTHER" : kind;
  }
}
