package io.gridshift.workflows.common;

/** What a notification is about. */
public enum NotificationEvent {
  /** A gate waits for a person's decision. */
  GATE_OPENED,
  /** A gate's deadline passed with no decision. */
  GATE_EXPIRED,
  /** The upgrade completed. */
  COMPLETED,
  /** The upgrade failed. */
  FAILED,
  /** The upgrade was aborted: rejected, expired, aborted or cancelled. */
  ABORTED
}
