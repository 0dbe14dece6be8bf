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

  /**
   * Gate {@code gate} was decided: approved (by a person or automatically), rejected, expired or
   * ended by an abort; {@code result} carries the audit entry (who, comment).
   */
  default void gateDecided(String gate, Gatekeeper.Result result) {}

  /** A listener that tells {@code first}, then {@code second}. */
  static UpgradeListener both(UpgradeListener first, UpgradeListener second) {
    return new UpgradeListener() {
      @Override
      public void stepStarted(String step) {
        first.stepStarted(step);
        second.stepStarted(step);
      }

      @Override
      public void phaseChanged(Phase phase) {
        first.phaseChanged(phase);
        second.phaseChanged(phase);
      }

      @Override
      public void gateOpened(OpenGate gate) {
        first.gateOpened(gate);
        second.gateOpened(gate);
      }

      @Override
      public void gateExpired(OpenGate gate, String detail) {
        first.gateExpired(gate, detail);
        second.gateExpired(gate, detail);
      }

      @Override
      public void gateDecided(String gate, Gatekeeper.Result result) {
        first.gateDecided(gate, result);
        second.gateDecided(gate, result);
      }
    };
  }
}
