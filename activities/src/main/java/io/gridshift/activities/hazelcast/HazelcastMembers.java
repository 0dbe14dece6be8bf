package io.gridshift.activities.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where one cluster's Hazelcast members answer and the connections gridshift opens to them, the
 * Hazelcast part of {@link ClusterAccess}. A workload's members are the pods its selector matches,
 * reached on their pod IPs: the worker runs where pods are routable (in the cluster, or the
 * sandbox's loopback "pods"). Nothing is kept open between calls: members come and go during a
 * roll.
 */
public final class HazelcastMembers {
  /** How long a Java client tries to reach a member. */
  static final Duration CLIENT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final KubernetesClient kubernetes;

  /** Built by {@link ClusterAccess}; pods are listed through {@code kubernetes}. */
  public HazelcastMembers(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  /** The workload as read now and its pods, by name. */
  record Listing(Workload workload, List<Pod> pods) {

    /** {@code host:port} of every pod that has an IP, by pod name. */
    List<String> addresses(int port) {
      return pods.stream().map(pod -> address(pod, port)).filter(Objects::nonNull).toList();
    }
  }

  /** The workload and its pods, read together. */
  Listing list(HazelcastEndpoint endpoint) {
    Workload workload = Workload.read(kubernetes, endpoint.workload());
    if (workload.selector().isEmpty()) {
      throw Failures.invalidRequest(
          "%s has no spec.selector.matchLabels; gridshift finds the members' pods by them"
              .formatted(workload.describe()));
    }
    List<Pod> pods =
        kubernetes
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

  /** {@code host:port} of the member in {@code pod}, or null while the pod has no IP. */
  static String address(Pod pod, int port) {
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    return ip == null ? null : ip + ":" + port;
  }

  /**
   * Runs {@code use} with a Java client connected to the members of {@code endpoint}'s workload
   * (their cluster name, TLS and pod addresses read from Kubernetes now), as {@link #withClient(
   * String, List, Optional, String, Function)} does.
   *
   * @throws io.temporal.failure.ApplicationFailure retryable {@code MembersUnreachable} when no pod
   *     has an IP yet or no member answers
   */
  public <T> T withClient(
      HazelcastEndpoint endpoint, BiFunction<HazelcastInstance, String, T> use) {
    return withClient(endpoint, false, use);
  }

  /**
   * As {@link #withClient(HazelcastEndpoint, BiFunction)}; with {@code smartRouting} and plain
   * text, the client talks to each partition's owner directly (bulk data moves: one hop less per
   * call). Over TLS it stays on its tunnels, as members advertise their pod addresses.
   */
  public <T> T withClient(
      HazelcastEndpoint endpoint,
      boolean smartRouting,
      BiFunction<HazelcastInstance, String, T> use) {
    WorkloadRef ref = endpoint.workload();
    Workload workload = Workload.read(kubernetes, ref);
    MemberSettings settings =
        MemberSettings.read(kubernetes, ref.cluster().namespace(), workload.template().getSpec());
    Optional<MemberTls> tls = MemberTls.read(kubernetes, workload, endpoint.port());
    List<String> addresses =
        list(endpoint).addresses(tls.map(MemberTls::port).orElse(endpoint.port()));
    if (addresses.isEmpty()) {
      throw Failures.retryable(
          workload.describe() + ": no pod has an IP yet; no member to reach",
          FailureTypes.MEMBERS_UNREACHABLE,
          null);
    }
    String describe = workload.describe();
    if (smartRouting && tls.isEmpty()) {
      return withClient(
          clientConfig(settings.clusterName(), addresses, true),
          settings.clusterName(),
          addresses,
          describe,
          client -> use.apply(client, describe));
    }
    return withClient(
        settings.clusterName(), addresses, tls, describe, client -> use.apply(client, describe));
  }

  /** Asks members over their REST endpoints, each call bounded by {@code timeout}. */
  MemberProbe probe(Duration timeout) {
    return new MemberProbe(timeout);
  }

  /**
   * Runs {@code use} with a Java client connected to the members at {@code addresses}, then shuts
   * the client down: a client kept between activities would hold connections to members the upgrade
   * is about to replace. With {@code tls}, {@code addresses} are the members' TLS endpoints and the
   * client reaches them through one {@link TlsTunnel} each (the open source client cannot do TLS
   * itself).
   *
   * @param clusterName the members' cluster name (the client is refused otherwise)
   * @param addresses members as host:port
   * @param tls the members' TLS, or empty for plain text
   * @param describe what the members are, for messages
   * @throws io.temporal.failure.ApplicationFailure retryable {@code MembersUnreachable} when no
   *     member answers; InvalidRequest when {@code tls} does not trust the members' certificates
   */
  <T> T withClient(
      String clusterName,
      List<String> addresses,
      Optional<MemberTls> tls,
      String describe,
      Function<HazelcastInstance, T> use) {
    if (tls.isEmpty()) {
      return withClient(clusterName, addresses, describe, use);
    }
    List<TlsTunnel> tunnels = new ArrayList<>();
    try {
      for (String address : addresses) {
        tunnels.add(TlsTunnel.open(tls.get(), address));
      }
      List<String> local = tunnels.stream().map(TlsTunnel::localAddress).toList();
      try {
        return withClient(clusterName, local, describe + " (over TLS)", use);
      } catch (ApplicationFailure e) {
        for (int i = 0; i < tunnels.size(); i++) {
          Exception refused = tunnels.get(i).trustFailure();
          if (refused != null) {
            throw Failures.invalidRequest(
                tls.get().untrustedMessage(describe + " member " + addresses.get(i), refused));
          }
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback listener for the TLS tunnel", e);
    } finally {
      tunnels.forEach(TlsTunnel::close);
    }
  }

  /** As above, in plain text. */
  <T> T withClient(
      String clusterName,
      List<String> addresses,
      String describe,
      Function<HazelcastInstance, T> use) {
    return withClient(
        clientConfig(clusterName, addresses, false), clusterName, addresses, describe, use);
  }

  private <T> T withClient(
      ClientConfig config,
      String clusterName,
      List<String> addresses,
      String describe,
      Function<HazelcastInstance, T> use) {
    HazelcastInstance client;
    try {
      client = HazelcastClient.newHazelcastClient(config);
    } catch (IllegalStateException e) {
      throw Failures.retryable(
          ("%s: a Hazelcast client found no member of cluster '%s' at %s within %d s (%s); check"
                  + " the members run and the cluster name (HZ_CLUSTERNAME or cluster-name)"
                  + " matches")
              .formatted(
                  describe,
                  clusterName,
                  addresses,
                  CLIENT_CONNECT_TIMEOUT.toSeconds(),
                  e.getMessage()),
          FailureTypes.MEMBERS_UNREACHABLE,
          e);
    }
    try {
      return use.apply(client);
    } finally {
      client.shutdown();
    }
  }

  private static ClientConfig clientConfig(
      String clusterName, List<String> addresses, boolean smartRouting) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setInstanceName("gridshift-map-sizes-" + UUID.randomUUID());
    config.setProperty("hazelcast.logging.type", "slf4j");
    // One connection through whichever member answers is enough for a count, and survives
    // members the client cannot reach directly.
    config.getNetworkConfig().setSmartRouting(smartRouting);
    config.getNetworkConfig().setAddresses(addresses);
    config.getNetworkConfig().setConnectionTimeout((int) CLIENT_CONNECT_TIMEOUT.toMillis());
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(CLIENT_CONNECT_TIMEOUT.toMillis());
    return config;
  }
}
