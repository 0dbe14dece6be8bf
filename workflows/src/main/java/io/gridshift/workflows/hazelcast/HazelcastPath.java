package io.gridshift.workflows.hazelcast;

/** How a Hazelcast upgrade moves the cluster to the target version. */
public enum HazelcastPath {
  /** The members take the new image one pod at a time (patch, or Enterprise +1 minor). */
  ROLLING,
  /**
   * A new cluster at the target version beside the source; the data is copied and followed by the
   * source's event journals, then clients move (open-source minor upgrades).
   */
  BLUE_GREEN
}
