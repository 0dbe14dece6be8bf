package io.gridshift.workflows.common;

/**
 * What {@link StepTracker} and {@link Gatekeeper} tell about an upgrade as it moves, for what
 * people see outside it (search attributes, current details, notifications). Called on the workflow
 * thread; implementations must be deterministic workflow code.
 */
public interface UpgradeListener {
  /** A listener that does nothing. */
  UpgradeListener NONE = new UpgradeListener() {};

  /** {@code step} started (or started again). */
  default void stepStarted(String step) {}

  /** The overall phase changed to {@code phase}. */
  default void phaseChanged(Phase phase) {}

  /** Gate {@code gate} opened and waits for a decision. */
  default void gateOpened(OpenGate gate) {}

  /**
   * Gate {@code gate} passed its deadline with no decision; {@code detail} says what happens next.
   */
  default void gateExpired(OpenGate gate, String detail) {}
}
