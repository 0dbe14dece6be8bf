package io.gridshift.demo.bench;

import io.temporal.activity.Activity;

/**
 * How long a simulated long wait takes: {@code polls} polls, {@code pollMillis} apart, each one a
 * heartbeat, as the real waits (rollout, cluster health, sync-data, cluster-safe) poll their
 * cluster and heartbeat their progress. Every other simulated call returns at once.
 *
 * @param polls polls per wait (at least 1)
 * @param pollMillis pause before each poll (0 returns at once)
 */
record SimulatedPace(int polls, long pollMillis) {

  SimulatedPace {
    if (polls < 1 || pollMillis < 0) {
      throw new IllegalArgumentException(
          "a simulated wait needs at least 1 poll and a pause of 0 ms or more; got "
              + polls
              + " polls of "
              + pollMillis
              + " ms");
    }
  }

  /** Runs one wait inside an activity: sleeps and heartbeats {@code polls} times. */
  void await() {
    for (int poll = 1; poll <= polls; poll++) {
      if (pollMillis > 0) {
        try {
          Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("simulated wait interrupted", e);
        }
      }
      Activity.getExecutionContext().heartbeat(poll);
    }
  }
}
