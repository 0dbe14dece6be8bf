package io.gridshift.workflows.hazelcast.activities;

import java.util.List;

/**
 * The cluster as its members report it.
 *
 * @param members one entry per pod of the workload (reachable or not)
 * @param clusterVersion the cluster version, e.g. {@code 5.3} (from any member)
 */
public record ClusterSnapshot(List<MemberHealth> members, String clusterVersion) {

  /**
   * The pure safety decision (KafkaRoller's canRoll): every one of {@code replicas} members
   * reachable, each sees {@code replicas} members, cluster safe, no migration pending.
   */
  public boolean safe(int replicas) {
    return members.size() == replicas
        && members.stream()
            .allMatch(
                m ->
                    m.reachable()
                        && m.clusterSafe()
                        && m.migrationQueueSize() == 0
                        && m.clusterSize() == replicas);
  }
}
