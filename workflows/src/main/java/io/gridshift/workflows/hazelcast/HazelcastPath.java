package io.gridshift.workflows.hazelcast;

/**
 * How a Hazelcast upgrade moves a cluster to its target version, as the plan decides it ({@link
 * HazelcastPaths}).
 */
public enum HazelcastPath {
  /**
   * The members themselves move: one pod at a time takes the new image and rejoins the running
   * cluster. Possible where members of both versions can form one cluster: a patch upgrade, or
   * Hazelcast Enterprise to the next minor version.
   */
  ROLLING,
  /**
   * The data moves, not the members: a new cluster at the target version is started beside the
   * source, the maps are copied and followed, and clients are switched to it. The open-source way
   * across minor versions, whose members refuse to join a cluster of another minor version; several
   * minors at once need no intermediate cluster.
   */
  BLUE_GREEN
}
