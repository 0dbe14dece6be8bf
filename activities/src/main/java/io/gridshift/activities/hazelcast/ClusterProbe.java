package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a {@link ClusterSnapshot}: lists the workload's pods (its selector) and asks each pod's
 * member, all at once, so a snapshot takes at most one probe timeout. Pods without an IP are
 * members that cannot answer yet.
 */
final class ClusterProbe {
  private final KubernetesClient client;
  private final MemberProbe probe;

  ClusterProbe(KubernetesClient client, MemberProbe probe) {
    this.client = client;
    this.probe = probe;
  }

  ClusterSnapshot snapshot(HazelcastEndpoint endpoint) {
    return snapshot(endpoint, pods(endpoint));
  }

  /** The snapshot of {@code pods} (as just listed). */
  ClusterSnapshot snapshot(HazelcastEndpoint endpoint, List<Pod> pods) {
    List<CompletableFuture<MemberHealth>> answers = new ArrayList<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      String ip = podIp(pod);
      answers.add(
          ip == null
              ? CompletableFuture.completedFuture(MemberProbe.unreachable(name, null))
              : probe.health(name, ip + ":" + endpoint.port()));
    }
    List<MemberHealth> members = answers.stream().map(CompletableFuture::join).toList();
    String clusterVersion = null;
    for (MemberHealth member : members) {
      if (member.reachable() && clusterVersion == null) {
        clusterVersion = probe.clusterVersion(member.address());
      }
    }
    return new ClusterSnapshot(members, clusterVersion);
  }

  /** The workload as read now and its pods, by name. */
  record Listing(Workload workload, List<Pod> pods) {}

  /** The workload's pods, by name. */
  List<Pod> pods(HazelcastEndpoint endpoint) {
    return list(endpoint).pods();
  }

  /** The workload and its pods, read together. */
  Listing list(HazelcastEndpoint endpoint) {
    Workload workload = Workload.read(client, endpoint.workload());
    if (workload.selector().isEmpty()) {
      throw Failures.invalidRequest(
          "%s has no spec.selector.matchLabels; gridshift finds the members' pods by them"
              .formatted(workload.describe()));
    }
    List<Pod> pods =
        client
            .pods()
            .inNamespace(endpoint.workload().cluster().namespace())
            .withLabels(workload.selector())
            .list()
            .getItems()
            .stream()
            .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
            .toList();
    return new Listing(workload, pods);
  }

  static String podIp(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPodIP();
  }
}
