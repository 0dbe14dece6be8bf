package io.gridshift.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.kube.CrashImages;
import io.gridshift.sandbox.kube.KubeconfigFile;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.sandbox.kube.PodRuntime;
import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.gridshift.sandbox.temporal.SandboxTemporalTls;
import io.gridshift.sandbox.temporal.TemporalTransport;
import io.gridshift.sandbox.temporal.ui.UiServer;
import io.gridshift.workflows.client.TemporalAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local world on loopback, for tests and the demo: a Temporal frontend (the Java test server,
 * real timers) and one or more Kubernetes clusters ({@link SandboxOptions#clusters()}), each a
 * {@link SandboxCluster}: its own API server (fabric8 mock plus what kube-apiserver does on
 * writes), StatefulSet and Deployment controllers, a kubelet that runs real grid servers for pods
 * (Infinispan, Hazelcast; more through {@link #register}) and Service routing, on loopback
 * addresses of its own.
 *
 * <p>Kubeconfigs: {@link #kubeconfig()} lists every cluster, one context per cluster named after
 * it, the first current (a single cluster's file is the one from before clusters: context {@value
 * LocalKubernetesApi#CONTEXT}); each cluster also has a file of its own with only its context
 * ({@link SandboxCluster#kubeconfig()}), what an agent in that cluster would hold.
 *
 * <p>{@link #close()} stops it all, every pod's process included; a JVM shutdown hook does the same
 * if the JVM exits first.
 */
public final class Sandbox implements SandboxConnection {
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

  private final SandboxOptions options;
  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private final Map<String, SandboxCluster> clusters = new LinkedHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::stopAll, "sandbox-shutdown");
  private LocalTemporalServer temporal;
  private SandboxTemporalTls temporalTls;
  private UiServer ui;
  private Path kubeconfig;

  private Sandbox(SandboxOptions options) {
    this.options = options;
  }

  /** Starts a sandbox in {@code dir} on the usual ports (7233, 7443). */
  public static Sandbox start(Path dir) throws IOException {
    return start(SandboxOptions.defaults(dir));
  }

  /** Starts a sandbox; on failure, whatever had started is stopped again. */
  public static Sandbox start(SandboxOptions options) throws IOException {
    Sandbox sandbox = new Sandbox(options);
    Runtime.getRuntime().addShutdownHook(sandbox.shutdownHook);
    try {
      sandbox.startParts();
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  /**
   * Deletes the pod directories of an earlier sandbox in the same directory (one that was killed
   * before it cleaned up): the Kubernetes APIs start empty, so they belong to no pod, and a server
   * would otherwise find its old data (caches, state) there.
   */
  private void removeOldPods(Path clusterDir) throws IOException {
    Path pods = clusterDir.resolve("pods");
    if (!Files.exists(pods)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(pods)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void startParts() throws IOException {
    Files.createDirectories(options.dir());
    startTemporal();
    List<String> names = options.clusters();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Path dir = options.clusterDir(name);
      removeOldPods(dir);
      // Sandboxes on ephemeral ports (tests) may run side by side: each cluster claims addresses.
      LoopbackNetwork network =
          options.ephemeralPorts() ? LoopbackNetwork.claimFree() : LoopbackNetwork.standard(i);
      clusters.put(
          name,
          add(
              SandboxCluster.start(
                  name, dir, options.kubePort(i), network, crashImages(), options.rbac())));
    }
    kubeconfig = options.dir().resolve("kubeconfig");
    KubeconfigFile.write(
        kubeconfig,
        clusters.values().stream().flatMap(c -> c.kubeconfigContexts().stream()).toList());
    log.info(
        "sandbox up in {}: Temporal {}, {} (kubeconfig {})",
        options.dir(),
        temporalAccess().describe(),
        clusters.values(),
        kubeconfig);
  }

  /**
   * The Temporal test server on {@code temporalPort}; with TLS, the server on a free port and the
   * TLS front on {@code temporalPort}, so that clients find Temporal where they always do.
   */
  private void startTemporal() throws IOException {
    TemporalTransport transport = options.temporalTransport();
    if (transport == TemporalTransport.PLAIN) {
      temporal =
          add(LocalTemporalServer.start(options.temporalPort(), options.stickyWorkflowTasks()));
      return;
    }
    temporal = add(LocalTemporalServer.start(0, options.stickyWorkflowTasks()));
    temporalTls =
        add(
            SandboxTemporalTls.start(
                options.dir().resolve("temporal-tls"),
                transport == TemporalTransport.MUTUAL_TLS,
                options.temporalPort(),
                temporal.port()));
  }

  private <T extends AutoCloseable> T add(T part) {
    parts.push(part);
    return part;
  }

  /**
   * Lets every cluster's kubelet run pods of another kind (asked after the runtimes registered
   * before); a runtime keeps no state of its own, the pods' processes are the kubelets'.
   */
  public Sandbox register(PodRuntime runtime) {
    clusters.values().forEach(c -> c.register(runtime));
    return this;
  }

  /**
   * The fault fixture that makes chosen images' containers crash at start on every cluster: {@code
   * crashImages().add("quay.io/infinispan/server:15.0.21.Final")}, or a line with that image in the
   * file {@code <dir>/faults/crash-images} from any process ({@link CrashImages}).
   */
  public CrashImages crashImages() {
    return new CrashImages(options.dir());
  }

  /** The first cluster: the only one unless the options list several. */
  public SandboxCluster defaultCluster() {
    return clusters.values().iterator().next();
  }

  /** Cluster {@code name}; an error naming the clusters there are when it is not one of them. */
  public SandboxCluster cluster(String name) {
    SandboxCluster cluster = clusters.get(name);
    if (cluster == null) {
      throw new IllegalArgumentException(
          "the sandbox has no cluster '" + name + "'; its clusters are " + clusters.keySet());
    }
    return cluster;
  }

  /** Every cluster, in the order of {@link SandboxOptions#clusters()}. */
  public List<SandboxCluster> clusters() {
    return List.copyOf(clusters.values());
  }

  @Override
  public String defaultClusterName() {
    return defaultCluster().name();
  }

  @Override
  public String defaultContext() {
    return defaultCluster().context();
  }

  @Override
  public Path dir() {
    return options.dir();
  }

  /** A client of the first cluster's Kubernetes API (namespace {@code default}). */
  @Override
  public KubernetesClient client() {
    return defaultCluster().client();
  }

  /** The Temporal frontend, {@code 127.0.0.1:<port>} (the TLS front's when TLS is on). */
  @Override
  public String temporalTarget() {
    return temporalTls == null ? temporal.target() : temporalTls.target();
  }

  /**
   * How clients reach this sandbox's Temporal: plain text, or with TLS on ({@link
   * SandboxOptions#withTemporalTls}) the sandbox CA and, for mutual TLS, its client certificate.
   */
  @Override
  public TemporalAccess temporalAccess() {
    TemporalAccess plain = TemporalAccess.plain(temporalTarget());
    return temporalTls == null ? plain : plain.withTls(temporalTls.clientTls());
  }

  /**
   * Starts the Temporal UI server ({@link UiServer}: the UI and Temporal's HTTP API on one origin)
   * for this sandbox's Temporal; it stops with the sandbox. It calls the test server's plain-text
   * port inside this process, also when clients must use (mutual) TLS: it is part of the sandbox,
   * as the UI server is part of {@code temporal server start-dev}.
   *
   * @param port the port on 127.0.0.1 ({@link UiServer#DEFAULT_PORT}; 0: any free port)
   * @param codecEndpoint the remote payload codec the UI decodes payloads with (the REST service's
   *     {@code /codec}), or empty for none
   */
  public synchronized UiServer startUi(int port, String codecEndpoint) throws IOException {
    if (ui != null) {
      throw new IllegalStateException("the sandbox's UI server runs already on " + ui.address());
    }
    ui = add(UiServer.start(port, temporal.target(), codecEndpoint));
    return ui;
  }

  /** The UI server, once {@link #startUi} started it. */
  public synchronized Optional<UiServer> ui() {
    return Optional.ofNullable(ui);
  }

  /** The TLS set-up of Temporal (CA, certificates, front); empty when Temporal is plain text. */
  public Optional<SandboxTemporalTls> temporalTls() {
    return Optional.ofNullable(temporalTls);
  }

  /**
   * The kubeconfig file with a context per cluster, named after it; the first is current (for a
   * single cluster, context {@value LocalKubernetesApi#CONTEXT}).
   */
  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  public SandboxOptions options() {
    return options;
  }

  /** Stops every cluster (routing, controllers, pods' processes, API server), then Temporal. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already: the hook runs or ran stopAll
    }
  }

  private void stopAll() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    while (!parts.isEmpty()) {
      AutoCloseable part = parts.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("sandbox: stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
    log.info("sandbox in {} stopped", options.dir());
  }
}
