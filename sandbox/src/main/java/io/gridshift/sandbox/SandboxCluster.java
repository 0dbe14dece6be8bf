package io.gridshift.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.hazelcast.HazelcastPodRuntime;
import io.gridshift.sandbox.kube.CrashImages;
import io.gridshift.sandbox.kube.DeploymentConfigController;
import io.gridshift.sandbox.kube.DeploymentController;
import io.gridshift.sandbox.kube.InfinispanPodRuntime;
import io.gridshift.sandbox.kube.KubeconfigFile;
import io.gridshift.sandbox.kube.Kubelet;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.sandbox.kube.PodRuntime;
import io.gridshift.sandbox.kube.RbacEnforcement;
import io.gridshift.sandbox.kube.ServiceRouter;
import io.gridshift.sandbox.kube.StatefulSetController;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kubernetes cluster of the sandbox: its own API server (port, kubeconfig with one context
 * named after the cluster), StatefulSet and Deployment controllers, kubelet and Service routing, on
 * loopback addresses no other cluster uses. Clusters share nothing but the machine, so an object
 * written to one never shows in another, as with real clusters.
 */
public final class SandboxCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SandboxCluster.class);
  private static final Duration CONTROLLER_INTERVAL = Duration.ofMillis(200);
  private static final Duration KUBELET_INTERVAL = Duration.ofMillis(250);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

  private final String name;
  private final Path dir;
  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private LoopbackNetwork network;
  private LocalKubernetesApi api;
  private Kubelet kubelet;
  private CrashImages crashImages;
  private RbacEnforcement rbac;

  private SandboxCluster(String name, Path dir) {
    this.name = name;
    this.dir = dir;
  }

  /**
   * Starts cluster {@code name}; on failure, whatever had started is stopped again.
   *
   * @param dir where its kubeconfig and its pods' files go
   * @param kubePort its API port (0: any free port)
   * @param network its pod and Service addresses, closed with the cluster
   * @param crashImages the images whose containers crash at start (the sandbox's fault fixture)
   * @param rbac what its API server enforces for the agent identity; null: nothing
   */
  static SandboxCluster start(
      String name,
      Path dir,
      int kubePort,
      LoopbackNetwork network,
      CrashImages crashImages,
      RbacEnforcement rbac)
      throws IOException {
    SandboxCluster cluster = new SandboxCluster(name, dir);
    cluster.rbac = rbac;
    cluster.crashImages = crashImages;
    cluster.network = cluster.add(network);
    try {
      cluster.startParts(kubePort);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private void startParts(int kubePort) throws IOException {
    api =
        add(
            LocalKubernetesApi.start(
                name, kubePort, dir.resolve("kubeconfig"), network.servicePrefix(), rbac));
    KubernetesClient client = api.client();
    kubelet = add(new Kubelet(client, dir, KUBELET_INTERVAL, SHUTDOWN_GRACE, network.podPrefix()));
    kubelet
        .crashImages(crashImages)
        .register(new InfinispanPodRuntime())
        .register(new HazelcastPodRuntime())
        .start();
    add(new StatefulSetController(client, CONTROLLER_INTERVAL).start());
    add(new DeploymentController(client, CONTROLLER_INTERVAL).start());
    add(new DeploymentConfigController(client, CONTROLLER_INTERVAL).start());
    add(new ServiceRouter(client, CONTROLLER_INTERVAL).start());
    log.info(
        "cluster {}: Kubernetes {}, pods {}0/24, Services {}0/24",
        name,
        api.url(),
        network.podPrefix(),
        network.servicePrefix());
  }

  private <T extends AutoCloseable> T add(T part) {
    parts.push(part);
    return part;
  }

  /** The cluster's name: its kubeconfig context and its agent's task queue suffix. */
  public String name() {
    return name;
  }

  /** A client of this cluster's Kubernetes API (namespace {@code default}). */
  public KubernetesClient client() {
    return api.client();
  }

  /**
   * This cluster's own kubeconfig, with the one context {@link #context()}: what an agent in this
   * cluster gets (it sees no other cluster). The sandbox's {@link Sandbox#kubeconfig()} lists every
   * cluster.
   */
  public Path kubeconfig() {
    return api.kubeconfig();
  }

  /** The kubeconfig context of this cluster, its name. */
  public String context() {
    return api.context();
  }

  /** The API server's URL, {@code http://127.0.0.1:<port>}. */
  public String apiUrl() {
    return api.url();
  }

  /** Where this cluster's pods keep their files ({@code pods/<namespace>/<pod>} below it). */
  public Path dir() {
    return dir;
  }

  List<KubeconfigFile.Context> kubeconfigContexts() {
    return api.kubeconfigContexts();
  }

  /**
   * How many requests this cluster's API server refused (403) because the agent identity's RBAC
   * does not allow them; always 0 unless {@link SandboxOptions#withRbac} turned RBAC on.
   */
  public long rbacDenials() {
    return api.rbacDenials();
  }

  /** The messages of the last RBAC refusals (at most 50), oldest first. */
  public List<String> recentRbacDenials() {
    return api.recentRbacDenials();
  }

  /** Whether this cluster's API server enforces the agent's RBAC. */
  public boolean rbacEnforced() {
    return api.rbacEnforced();
  }

  /** Lets the kubelet run pods of another kind (asked after the runtimes registered before). */
  void register(PodRuntime runtime) {
    kubelet.register(runtime);
  }

  /** Stops routing, controllers, every pod's process and the API server. */
  @Override
  public void close() {
    while (!parts.isEmpty()) {
      AutoCloseable part = parts.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn(
            "sandbox cluster {}: stopping {} failed: {}",
            name,
            part.getClass().getSimpleName(),
            e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "sandbox cluster " + name + (api == null ? "" : " (" + api.url() + ")");
  }
}
