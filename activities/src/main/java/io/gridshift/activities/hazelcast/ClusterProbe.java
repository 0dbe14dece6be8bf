package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.Pod;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a {@link ClusterSnapshot}: lists the workload's pods ({@link HazelcastMembers#list}) and
 * asks each pod's member, all at once, so a snapshot takes at most one probe timeout. Pods without
 * an IP are members that cannot answer yet.
 */
final class ClusterProbe {
  private final HazelcastMembers members;
  private final MemberProbe probe;

  ClusterProbe(HazelcastMembers members, MemberProbe probe) {
    this.members = members;
    this.probe = probe;
  }

  ClusterSnapshot snapshot(HazelcastEndpoint endpoint) {
    return snapshot(endpoint, members.list(endpoint).pods());
  }

  /** The snapshot of {@code pods} (as just listed). */
  ClusterSnapshot snapshot(HazelcastEndpoint endpoint, List<Pod> pods) {
    List<CompletableFuture<MemberHealth>> answers = new ArrayList<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      String address = HazelcastMembers.address(pod, endpoint.port());
      answers.add(
          address == null
              ? CompletableFuture.completedFuture(MemberProbe.unreachable(name, null))
              : probe.health(name, address));
    }
    List<MemberHealth> healths = answers.stream().map(CompletableFuture::join).toList();
    String clusterVersion = null;
    for (MemberHealth member : healths) {
      if (member.reachable() && clusterVersion == null) {
        clusterVersion = probe.clusterVersion(member.address());
      }
    }
    return new ClusterSnapshot(healths, clusterVersion);
  }
}
