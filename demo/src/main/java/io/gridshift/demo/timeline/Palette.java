package io.gridshift.demo.timeline;

import java.util.Locale;

/** Colours and dash patterns: one place, so the legend and the picture can never disagree. */
final class Palette {
  static final String P50 = "#1f4e8c";
  static final String MAX = "#f0932b";
  static final String ERROR = "#d63031";
  static final String GRID = "#e3e6ea";
  static final String AXIS = "#5f6b76";
  static final String TEXT = "#222";
  static final String MUTED = "#8a949e";

  private Palette() {}

  /** The state's family, used as its CSS class and legend entry: SUCCEEDED and COMPLETED agree. */
  static String stateKey(String state) {
    String s = state.trim().toUpperCase(Locale.ROOT);
    if (s.equals("COMPLETED") || s.equals("SUCCEEDED") || s.equals("DONE") || s.equals("OK")) {
      return "completed";
    }
    if (s.startsWith("WAITING")) {
      return "waiting";
    }
    return switch (s) {
      case "FAILED" -> "failed";
      case "RUNNING" -> "running";
      case "SKIPPED" -> "skipped";
      case "COMPENSATED" -> "compensated";
      case "PENDING" -> "pending";
      case "REFUSED" -> "refused";
      default -> "other";
    };
  }

  static String stateColour(String key) {
    return switch (key) {
      case "completed" -> "#2e9d5b";
      case "failed" -> ERROR;
      case "running" -> "#3b7dd8";
      case "waiting" -> "#e1a200";
      case "skipped" -> "#b5bcc3";
      case "compensated" -> "#8e6bbf";
      case "pending" -> "#d5dade";
      case "refused" -> "#8e2a1f";
      default -> "#7f8c8d";
    };
  }

  static String stateLabel(String key) {
    return switch (key) {
      case "completed" -> "completed";
      case "failed" -> "failed";
      case "running" -> "running";
      case "waiting" -> "waiting (gate)";
      case "skipped" -> "skipped";
      case "compensated" -> "compensated";
      case "pending" -> "pending";
      case "refused" -> "refused (preflight)";
      default -> "other state";
    };
  }

  static String markerKey(String kind) {
    String k = kind.trim().toUpperCase(Locale.ROOT);
    return switch (k) {
      case "GATE_OPENED",
          "APPROVED",
          "REJECTED",
          "EXPIRED",
          "FAILURE",
          "PAUSED",
          "RESUMED",
          "STAGE",
          "WINDOW_OPENS",
          "SCHEDULE_FIRED" ->
          k.toLowerCase(Locale.ROOT).replace('_', '-');
      default -> "other";
    };
  }

  static String markerColour(String key) {
    return switch (key) {
      case "gate-opened" -> "#6c5ce7";
      case "approved" -> "#2e9d5b";
      case "rejected" -> "#c0392b";
      case "expired" -> "#7f8c8d";
      case "failure" -> ERROR;
      case "paused", "resumed" -> "#4a5560";
      case "stage" -> "#34495e";
      case "window-opens" -> "#16a085";
      case "schedule-fired" -> "#2c6fbb";
      default -> "#95a5a6";
    };
  }

  /** Every marker is dashed; failures and rejections use a denser dash so they stand out. */
  static String markerDash(String key) {
    return key.equals("failure") || key.equals("rejected") ? "3 3" : "6 4";
  }

  static String markerLabel(String key) {
    return switch (key) {
      case "other" -> "other marker";
      case "stage" -> "stage starts";
      case "window-opens" -> "maintenance window opens";
      case "schedule-fired" -> "schedule fired";
      default -> key.replace('-', ' ');
    };
  }
}
