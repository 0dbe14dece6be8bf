package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a {@link ClusterSnapshot}: lists the workload's pods ({@link HazelcastMembers#list}) and
 * asks each pod's member, all at once, so a snapshot takes at most one probe timeout. Pods without
 * an IP are members that cannot answer yet. Members are asked where the workload's pod template
 * says ({@link MemberTls}): the member port in plain text, or its TLS endpoint.
 */
final class ClusterProbe {
  private final KubernetesClient kubernetes;
  private final HazelcastMembers members;
  private final MemberProbe probe;

  ClusterProbe(KubernetesClient kubernetes, HazelcastMembers members, MemberProbe probe) {
    this.kubernetes = kubernetes;
    this.members = members;
    this.probe = probe;
  }

  ClusterSnapshot snapshot(HazelcastEndpoint endpoint) {
    return snapshot(endpoint, members.list(endpoint));
  }

  /** The snapshot of the pods of {@code listing} (as just listed). */
  ClusterSnapshot snapshot(HazelcastEndpoint endpoint, HazelcastMembers.Listing listing) {
    Optional<MemberTls> tls = MemberTls.read(kubernetes, listing.workload(), endpoint.port());
    List<CompletableFuture<MemberHealth>> answers = new ArrayList<>();
    for (Pod pod : listing.pods()) {
      String name = pod.getMetadata().getName();
      String address =
          tls.map(t -> t.address(pod))
              .orElseGet(() -> HazelcastMembers.address(pod, endpoint.port()));
      answers.add(
          address == null
              ? CompletableFuture.completedFuture(MemberProbe.unreachable(name, null))
              : probe.health(name, address, tls));
    }
    List<MemberHealth> healths = answers.stream().map(MemberProbe::await).toList();
    String clusterVersion = null;
    for (MemberHealth member : healths) {
      if (member.reachable() && clusterVersion == null) {
        clusterVersion = probe.clusterVersion(member.address(), tls);
      }
    }
    return new ClusterSnapshot(healths, clusterVersion);
  }
}
