package io.gridshift.sandbox;

import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.sandbox.kube.RbacEnforcement;
import io.gridshift.sandbox.temporal.TemporalTransport;
import io.gridshift.workflows.common.Names;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where the sandbox keeps its files, which loopback ports it takes and which Kubernetes clusters it
 * runs.
 *
 * @param dir the sandbox directory: kubeconfig, and pods' files under {@code pods/<ns>/<pod>} (with
 *     several clusters, under {@code clusters/<name>/pods/...})
 * @param temporalPort the Temporal frontend port (0: any free port)
 * @param kubePort the first cluster's Kubernetes API port; cluster {@code i} of the list takes
 *     {@code kubePort + i} (0: any free port for every cluster)
 * @param clusters the clusters' names, in order; each is a DNS label, since it becomes a task queue
 *     ({@code gridshift-cluster-<name>}) and a kubeconfig context
 * @param stickyWorkflowTasks whether Temporal keeps a workflow's tasks on its last worker's sticky
 *     queue (the default); false for sandboxes whose workers get killed (see {@link
 *     #withoutStickyWorkflowTasks()})
 * @param temporalTransport plain text (default), or Temporal behind a TLS front on {@code
 *     temporalPort} ({@link #withTemporalTls(boolean)})
 * @param rbac the RBAC every cluster's API server enforces for the agent identity; null (the
 *     default): none, every request may do anything (see {@link #withRbac})
 */
public record SandboxOptions(
    Path dir,
    int temporalPort,
    int kubePort,
    List<String> clusters,
    boolean stickyWorkflowTasks,
    TemporalTransport temporalTransport,
    RbacEnforcement rbac) {
  /** Temporal's usual port. */
  public static final int DEFAULT_TEMPORAL_PORT = 7233;

  /** The Kubernetes API's port (an apiserver's 6443 plus 1000, so a local cluster can coexist). */
  public static final int DEFAULT_KUBE_PORT = 7443;

  /** The one cluster of a sandbox that names none: its kubeconfig context, as before clusters. */
  public static final String DEFAULT_CLUSTER = LocalKubernetesApi.CONTEXT;

  /**
   * At most this many clusters: on the usual ports, cluster {@code i} owns the loopback addresses
   * {@code 127.i.x.x}, and 127.100 and above belong to sandboxes on ephemeral ports.
   */
  public static final int MAX_CLUSTERS = LoopbackNetwork.STANDARD_NETWORKS;

  public SandboxOptions {
    Objects.requireNonNull(dir, "sandbox directory");
    clusters = clusters == null || clusters.isEmpty() ? List.of(DEFAULT_CLUSTER) : clusters;
    clusters = List.copyOf(clusters);
    temporalTransport = temporalTransport == null ? TemporalTransport.PLAIN : temporalTransport;
    int lastKubePort = kubePort == 0 ? 0 : kubePort + clusters.size() - 1;
    if (temporalPort < 0 || temporalPort > 65535 || kubePort < 0 || lastKubePort > 65535) {
      throw new IllegalArgumentException(
          "sandbox ports must be 0..65535 (0: any free port); got temporal "
              + temporalPort
              + ", kube "
              + kubePort
              + (clusters.size() > 1 ? " to " + lastKubePort : ""));
    }
    checkClusters(clusters);
  }

  /** These clusters and task stickiness, Temporal in plain text. */
  public SandboxOptions(
      Path dir,
      int temporalPort,
      int kubePort,
      List<String> clusters,
      boolean stickyWorkflowTasks) {
    this(dir, temporalPort, kubePort, clusters, stickyWorkflowTasks, TemporalTransport.PLAIN, null);
  }

  /** These clusters, with sticky workflow tasks. */
  public SandboxOptions(Path dir, int temporalPort, int kubePort, List<String> clusters) {
    this(dir, temporalPort, kubePort, clusters, true);
  }

  /** One cluster, {@value #DEFAULT_CLUSTER}, as before the sandbox had several. */
  public SandboxOptions(Path dir, int temporalPort, int kubePort) {
    this(dir, temporalPort, kubePort, List.of(DEFAULT_CLUSTER));
  }

  private static void checkClusters(List<String> clusters) {
    if (clusters.size() > MAX_CLUSTERS) {
      throw new IllegalArgumentException(
          "a sandbox runs at most " + MAX_CLUSTERS + " clusters; got " + clusters.size());
    }
    Set<String> seen = new HashSet<>();
    for (String name : clusters) {
      if (!Names.isDnsLabel(name)) {
        throw new IllegalArgumentException(
            "sandbox cluster name '"
                + name
                + "' must be a DNS label (a-z, 0-9, '-'): it names a task queue and a kubeconfig"
                + " context");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "sandbox cluster '" + name + "' is listed twice; give each cluster its own name");
      }
    }
  }

  /** The usual ports, 7233 and 7443 (then 7444, ... for further clusters). */
  public static SandboxOptions defaults(Path dir) {
    return new SandboxOptions(dir, DEFAULT_TEMPORAL_PORT, DEFAULT_KUBE_PORT);
  }

  /** Any free ports (tests, several sandboxes side by side). */
  public static SandboxOptions ephemeral(Path dir) {
    return new SandboxOptions(dir, 0, 0);
  }

  /** The same options with these clusters, in this order (the first is the default one). */
  public SandboxOptions withClusters(String... names) {
    return new SandboxOptions(
        dir, temporalPort, kubePort, List.of(names), stickyWorkflowTasks, temporalTransport, rbac);
  }

  /**
   * The same options with every workflow task on the normal queue: the Java test server never moves
   * a task off the sticky queue of a worker that died (a real server does after 5 s), so a sandbox
   * whose workers are SIGKILLed needs this for its workflows to move on.
   */
  public SandboxOptions withoutStickyWorkflowTasks() {
    return new SandboxOptions(
        dir, temporalPort, kubePort, clusters, false, temporalTransport, rbac);
  }

  /**
   * The same options with Temporal reached over TLS only: a {@link
   * io.gridshift.sandbox.temporal.TlsTemporalFront} takes {@code temporalPort}, with a server
   * certificate from a CA the sandbox makes in {@code <dir>/temporal-tls}; {@code mutual} requires
   * a client certificate from that CA. {@link Sandbox#temporalAccess()} gives clients the CA and a
   * client certificate.
   */
  public SandboxOptions withTemporalTls(boolean mutual) {
    return withTemporalTransport(mutual ? TemporalTransport.MUTUAL_TLS : TemporalTransport.TLS);
  }

  /** The same options with Temporal reached as {@code transport} says. */
  public SandboxOptions withTemporalTransport(TemporalTransport transport) {
    return new SandboxOptions(
        dir, temporalPort, kubePort, clusters, stickyWorkflowTasks, transport, rbac);
  }

  /**
   * The same options with every cluster's API server enforcing {@code rbac} for the agent identity:
   * each cluster's kubeconfig context then carries the agent's token, so an agent or worker started
   * from it is refused (403, as kube-apiserver words it) whatever the manifests do not allow; the
   * sandbox's own controllers, kubelet and {@link SandboxCluster#client()} stay cluster-admin, and
   * a context {@code <cluster>-admin} is added for setup by hand. {@link
   * SandboxCluster#rbacDenials()} counts the refusals.
   *
   * <p>The project's own RBAC: {@code withRbac(RbacEnforcement.fromDeploy(Path.of("deploy")))}.
   */
  public SandboxOptions withRbac(RbacEnforcement rbac) {
    Objects.requireNonNull(rbac, "rbac (leave it out for no RBAC)");
    return new SandboxOptions(
        dir, temporalPort, kubePort, clusters, stickyWorkflowTasks, temporalTransport, rbac);
  }

  /** As {@link #withRbac(RbacEnforcement)} with the manifests in {@code deployDir/rbac}. */
  public SandboxOptions withRbacFrom(Path deployDir) {
    return withRbac(RbacEnforcement.fromDeploy(deployDir));
  }

  /** Whether the ports are chosen by the system (a test sandbox) rather than the usual ones. */
  boolean ephemeralPorts() {
    return temporalPort == 0;
  }

  /** The Kubernetes API port of the {@code index}-th cluster (0: any free port). */
  int kubePort(int index) {
    return kubePort == 0 ? 0 : kubePort + index;
  }

  /**
   * Where cluster {@code name} keeps its pods' files: the sandbox directory itself for a single
   * cluster (the layout from before clusters), else {@code clusters/<name>}.
   */
  Path clusterDir(String name) {
    return clusters.size() == 1 ? dir : dir.resolve("clusters").resolve(name);
  }
}
