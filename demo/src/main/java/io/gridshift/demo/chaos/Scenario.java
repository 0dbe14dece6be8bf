package io.gridshift.demo.chaos;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one chaos run does to the upgrade, and what it must show. Every scenario runs a full upgrade
 * under the traffic probe; only {@link #CRASH_LOOP} is expected to end other than COMPLETED.
 */
enum Scenario {
  /**
   * The worker process is SIGKILLed at random moments (2 or 3 times) and restarted 0-20 s later.
   */
  WORKER_KILLS("worker-kills", "worker SIGKILL at random moments, restarted after 0-20 s"),
  /** A share of the worker's Kubernetes API calls fail: 500, 409, 429, resets, stalls. */
  API_FAULTS("api-faults", "Kubernetes API faults on a share of the worker's calls"),
  /** Temporal drops every connection of the worker for 30 s, once. */
  TEMPORAL_OUTAGE("temporal-outage", "Temporal unreachable for 30 s"),
  /**
   * A grid member is SIGKILLed: Infinispan, a target pod during sync-data; Hazelcast, a member that
   * is not the one being replaced, mid-roll. The kubelet restarts it, as Kubernetes would.
   */
  MEMBER_KILL("member-kill", "grid member SIGKILL (target pod in sync-data / member mid-roll)"),
  /**
   * The target version's pods crash at start: detected, traffic stays on (or goes back to) the
   * source.
   */
  CRASH_LOOP("crash-loop", "target version whose pods crash at start");

  private final String id;
  private final String description;

  Scenario(String id, String description) {
    this.id = id;
    this.description = description;
  }

  String id() {
    return id;
  }

  String description() {
    return description;
  }

  /** Whether the scenario is expected to end with the upgrade rolled back rather than completed. */
  boolean expectsRollback() {
    return this == CRASH_LOOP;
  }

  /** Whether the fault hits the grid (counted as grid faults) rather than the worker's world. */
  boolean gridFault() {
    return this == MEMBER_KILL || this == CRASH_LOOP;
  }

  static Scenario parse(String id) {
    for (Scenario s : values()) {
      if (s.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown chaos scenario '"
            + id
            + "': use one of "
            + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")));
  }
}
