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
  ABORTED,
  /** A fleet stage started (its gate passed, its first grids are starting). */
  STAGE_STARTED,
  /** A fleet stage ended (its grids done and baked). */
  STAGE_ENDED,
  /** A fleet went over a stage's failure budget and waits at gate {@code fleet-halted}. */
  FLEET_HALTED,
  /** A fleet ended; {@link Notification#phase()} says how. */
  FLEET_ENDED
}
