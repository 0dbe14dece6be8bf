package io.gridshift.workflows.common;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A notification about an upgrade, sent to every configured webhook. The webhook body is these
 * fields plus {@link #text()}, one line a person can act on (Slack shows it as the message).
 *
 * @param event what happened
 * @param workflowId the upgrade's workflow id (what {@code gridshift status|approve} take)
 * @param kind {@code infinispan} or {@code hazelcast}
 * @param cluster the cluster name
 * @param namespace the grid's namespace
 * @param grid the grid name
 * @param sourceVersion the version before the upgrade, or null when not known yet
 * @param targetVersion the version requested
 * @param gate the gate opened or expired, or null
 * @param deadline ISO-8601 instant at which the open gate times out, or null
 * @param requestedBy who requested the upgrade
 * @param phase the upgrade's phase when this was sent
 * @param step the step running or waiting, or null
 * @param message what to do (the gate's instruction) or how the upgrade ended
 */
public record Notification(
    NotificationEvent event,
    String workflowId,
    String kind,
    String cluster,
    String namespace,
    String grid,
    String sourceVersion,
    String targetVersion,
    String gate,
    String deadline,
    String requestedBy,
    Phase phase,
    String step,
    String message) {

  /**
   * One readable line: which grid, what happened, the gate and its deadline, who asked, and the
   * command that decides it.
   */
  @JsonIgnore
  public String text() {
    String fleet = fleetText();
    if (fleet != null) {
      return fleet;
    }
    String where = kind + " grid " + grid + " (" + cluster + "/" + namespace + ")";
    String versions =
        (sourceVersion == null ? "" : sourceVersion + " -> ")
            + (targetVersion == null ? "?" : targetVersion);
    String head = "gridshift: " + where + " upgrade to " + versions + ": ";
    String tail = message == null || message.isBlank() ? "" : " " + sentence(message);
    return switch (event) {
      case GATE_OPENED ->
          head
              + "gate '"
              + gate
              + "' waits for a decision until "
              + deadline
              + " (requested by "
              + requestedBy
              + ")."
              + tail
              + " Approve: `gridshift approve "
              + workflowId
              + " "
              + gate
              + " --comment \"...\"` (or `gridshift reject ...`).";
      case GATE_EXPIRED -> head + "gate '" + gate + "' expired with no decision." + tail;
      case COMPLETED -> head + "completed." + tail;
      case FAILED -> head + "FAILED." + tail + " See `gridshift status " + workflowId + "`.";
      case ABORTED -> head + "aborted." + tail + " See `gridshift status " + workflowId + "`.";
      default -> head + event + "." + tail;
    };
  }

  /**
   * The line of a fleet's notification ({@code grid} is the fleet's name, {@code step} its stage),
   * or null for an upgrade's.
   */
  private String fleetText() {
    String head = "gridshift: fleet " + grid + " (" + workflowId + ")";
    String tail = message == null || message.isBlank() ? "" : " " + sentence(message);
    String status = " See `gridshift fleet status " + workflowId + "`.";
    return switch (event) {
      case STAGE_STARTED -> head + ": stage '" + step + "' started." + tail;
      case STAGE_ENDED -> head + ": stage '" + step + "' ended." + tail;
      case FLEET_HALTED ->
          head
              + ": stage '"
              + step
              + "' is over its failure budget and halted."
              + tail
              + " Resume with the failed grids skipped: `gridshift fleet approve "
              + workflowId
              + " "
              + gate
              + " --comment \"...\"`, or abort: `gridshift fleet reject ...`.";
      case FLEET_ENDED -> head + " ended " + phase + "." + tail + status;
      default -> null;
    };
  }

  private static String sentence(String s) {
    String t = s.strip();
    return t.endsWith(".") ? t : t + ".";
  }
}
