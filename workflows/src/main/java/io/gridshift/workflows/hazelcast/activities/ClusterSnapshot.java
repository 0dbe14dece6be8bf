package io.gridshift.workflows.hazelcast.activities;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster as its members report it.
 *
 * @param members one entry per pod of the workload (reachable or not)
 * @param clusterVersion the cluster version, e.g. {@code 5.3} (from any member)
 */
public record ClusterSnapshot(List<MemberHealth> members, String clusterVersion) {

  /**
   * The pure safety decision (KafkaRoller's canRoll): no {@link #problems(int)}. A member's own
   * numbers cannot prove the cluster whole: a member alone, or in another cluster of the same size,
   * reports itself safe with the expected size (hazelcast#13302), so the members must also see one
   * and the same member set, made of the pods' own members.
   */
  public boolean safe(int replicas) {
    return problems(replicas).isEmpty();
  }

  /**
   * Why the cluster is not whole and safe for {@code replicas} members, one reason per member that
   * disagrees, naming it; empty when every one of {@code replicas} members is reachable, sees
   * {@code replicas} members, reports the cluster safe with no migration pending, and every member
   * sees the same member set: the pods' own members ({@link MemberSets}).
   */
  public List<String> problems(int replicas) {
    List<String> problems = new ArrayList<>();
    if (members.size() != replicas) {
      problems.add("%d pods for %d replicas".formatted(members.size(), replicas));
    }
    for (MemberHealth m : members) {
      String member = MemberSets.name(m);
      if (!m.reachable()) {
        problems.add(member + " does not answer on /hazelcast/health");
        continue;
      }
      if (m.clusterSize() != replicas) {
        problems.add("%s sees %d of %d members".formatted(member, m.clusterSize(), replicas));
      }
      if (!m.clusterSafe()) {
        problems.add(member + " reports the cluster not safe (partitions without backups)");
      }
      if (m.migrationQueueSize() != 0) {
        problems.add("%s has %d migrations pending".formatted(member, m.migrationQueueSize()));
      }
    }
    problems.addAll(MemberSets.problems(members));
    return problems;
  }
}
