package io.gridshift.workflows.hazelcast;

/** Which Hazelcast edition a cluster runs: it decides which version jumps can roll. */
public enum HazelcastEdition {
  /** Open source: rolling upgrades between patch versions only (5.3.6 -> 5.3.8). */
  OPEN_SOURCE,
  /**
   * Enterprise: minor versions roll too (5.3 -> 5.4), with {@code
   * hazelcast.cluster.version.auto.upgrade.enabled=true} so the cluster version follows.
   */
  ENTERPRISE
}
