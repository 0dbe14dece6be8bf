package io.gridshift.activities;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gridshift.activities.hazelcast.HazelcastMembers;
import io.gridshift.activities.infinispan.InfinispanConnections;
import io.gridshift.workflows.common.TaskQueues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way into one cluster: its Kubernetes API, the addresses of its Services and pods, and
 * every connection gridshift opens to its grids. The worker builds one per cluster it serves and
 * hands it to the activities it registers on that cluster's task queue ({@link #taskQueue()}); they
 * reach the cluster only through it, so nothing that runs elsewhere (the shared workflow queue, the
 * REST service) can dial a grid.
 *
 * <ul>
 *   <li>{@link #kubernetes()}: the cluster's fabric8 client, opened from a kubeconfig or the pod's
 *       service account;
 *   <li>{@link #serviceHost}: where a Service answers, as pods reach it;
 *   <li>{@link #infinispan()}: grid endpoints resolved to addresses and credentials (from Secrets),
 *       REST admin clients and the Hot Rod clients, kept per address;
 *   <li>{@link #hazelcast()}: a workload's members (pod IPs), their REST probes and Java clients.
 * </ul>
 *
 * Closing it closes what it opened: the Hot Rod clients, and the Kubernetes client unless it was
 * handed one ({@link #of}).
 */
public final class ClusterAccess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterAccess.class);

  private final String name;
  private final KubernetesClient kubernetes;
  private final boolean closesKubernetes;
  private final InfinispanConnections infinispan;
  private final HazelcastMembers hazelcast;

  private ClusterAccess(String name, KubernetesClient kubernetes, boolean closesKubernetes) {
    this.name = name;
    this.kubernetes = kubernetes;
    this.closesKubernetes = closesKubernetes;
    this.infinispan = new InfinispanConnections(kubernetes);
    this.hazelcast = new HazelcastMembers(kubernetes);
  }

  /**
   * Access to the cluster this process runs in, through the pod's service account (fabric8 falls
   * back to it when there is no kubeconfig).
   */
  public static ClusterAccess inCluster(String name) {
    return open(name, Config.autoConfigure(null));
  }

  /**
   * Access through a kubeconfig.
   *
   * @param kubeconfig the file; null for {@code $KUBECONFIG} or {@code ~/.kube/config}
   * @param context the context; null for the file's current context
   * @throws IOException when {@code kubeconfig} is named but cannot be read
   */
  public static ClusterAccess fromKubeconfig(String name, String kubeconfig, String context)
      throws IOException {
    if (kubeconfig == null) {
      return open(name, Config.autoConfigure(context));
    }
    Path file = Path.of(kubeconfig);
    if (!Files.isReadable(file)) {
      throw new IOException("cluster '" + name + "': kubeconfig " + file + " is not readable");
    }
    return open(name, Config.fromKubeconfig(context, file.toFile()));
  }

  /**
   * Access through a client someone else opened and closes (tests, the sandbox); closing the access
   * leaves the client open.
   */
  public static ClusterAccess of(String name, KubernetesClient kubernetes) {
    return new ClusterAccess(name, kubernetes, false);
  }

  private static ClusterAccess open(String name, Config config) {
    return new ClusterAccess(name, new KubernetesClientBuilder().withConfig(config).build(), true);
  }

  /** The cluster's name, as requests name it ({@code cluster.cluster}). */
  public String name() {
    return name;
  }

  /** The task queue of the activities that act on this cluster. */
  public String taskQueue() {
    return TaskQueues.cluster(name);
  }

  /** The cluster's Kubernetes API. */
  public KubernetesClient kubernetes() {
    return kubernetes;
  }

  /** Where {@code namespace/service} answers ({@link #hostOf}); empty when it does not exist. */
  public Optional<String> serviceHost(String namespace, String service) {
    return Optional.ofNullable(kubernetes.services().inNamespace(namespace).withName(service).get())
        .map(ClusterAccess::hostOf);
  }

  /**
   * How pods reach {@code service}: its cluster IP (the address the Data Grid runbook uses), else
   * its cluster DNS name {@code <svc>.<ns>.svc.cluster.local} (headless, or no IP allocated yet).
   */
  public static String hostOf(Service service) {
    String ip = service.getSpec() == null ? null : service.getSpec().getClusterIP();
    if (ip != null && !ip.isBlank() && !"None".equals(ip)) {
      return ip;
    }
    String dns =
        service.getMetadata().getName()
            + "."
            + service.getMetadata().getNamespace()
            + ".svc.cluster.local";
    LOG.debug("Service {} has no cluster IP, using {}", service.getMetadata().getName(), dns);
    return dns;
  }

  /** How this cluster's Infinispan grids are reached. */
  public InfinispanConnections infinispan() {
    return infinispan;
  }

  /** How this cluster's Hazelcast members are reached. */
  public HazelcastMembers hazelcast() {
    return hazelcast;
  }

  /** Closes the Hot Rod clients, then the Kubernetes client when this access opened it. */
  @Override
  public void close() {
    infinispan.close();
    if (closesKubernetes) {
      kubernetes.close();
    }
  }

  @Override
  public String toString() {
    return "ClusterAccess[" + name + "]";
  }
}
