package io.gridshift.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.hazelcast.HazelcastPodRuntime;
import io.gridshift.sandbox.kube.DeploymentController;
import io.gridshift.sandbox.kube.InfinispanPodRuntime;
import io.gridshift.sandbox.kube.Kubelet;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.sandbox.kube.PodRuntime;
import io.gridshift.sandbox.kube.ServiceRouter;
import io.gridshift.sandbox.kube.StatefulSetController;
import io.gridshift.sandbox.temporal.LocalTemporalServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local world on loopback, for tests and the demo: a Temporal frontend (the Java test server,
 * real timers), a Kubernetes API (fabric8 mock plus what kube-apiserver does on writes) with a
 * kubeconfig (context {@value LocalKubernetesApi#CONTEXT}), the StatefulSet and Deployment
 * controllers, a kubelet that runs real grid servers for pods (Infinispan, Hazelcast; more through
 * {@link #register}) and Service routing on loopback cluster IPs.
 *
 * <p>{@link #close()} stops it all, every pod's process included; a JVM shutdown hook does the same
 * if the JVM exits first.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
  private static final Duration CONTROLLER_INTERVAL = Duration.ofMillis(200);
  private static final Duration KUBELET_INTERVAL = Duration.ofMillis(250);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

  private final SandboxOptions options;
  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::stopAll, "sandbox-shutdown");
  private LocalTemporalServer temporal;
  private LocalKubernetesApi kube;
  private Kubelet kubelet;

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
   * before it cleaned up): the Kubernetes API starts empty, so they belong to no pod, and a server
   * would otherwise find its old data (caches, state) there.
   */
  private void removeOldPods() throws IOException {
    Path pods = options.dir().resolve("pods");
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
    removeOldPods();
    // Sandboxes on ephemeral ports (tests) may run side by side: each gets its own addresses.
    LoopbackNetwork network =
        add(options.temporalPort() == 0 ? LoopbackNetwork.claimFree() : LoopbackNetwork.standard());
    temporal = add(LocalTemporalServer.start(options.temporalPort()));
    kube =
        add(
            LocalKubernetesApi.start(
                options.kubePort(), options.dir().resolve("kubeconfig"), network.servicePrefix()));
    KubernetesClient client = kube.client();
    kubelet =
        add(
            new Kubelet(
                client, options.dir(), KUBELET_INTERVAL, SHUTDOWN_GRACE, network.podPrefix()));
    kubelet.register(new InfinispanPodRuntime()).register(new HazelcastPodRuntime()).start();
    add(new StatefulSetController(client, CONTROLLER_INTERVAL).start());
    add(new DeploymentController(client, CONTROLLER_INTERVAL).start());
    add(new ServiceRouter(client, CONTROLLER_INTERVAL).start());
    log.info(
        "sandbox up in {}: Temporal {}, Kubernetes {} (kubeconfig {}, context {})",
        options.dir(),
        temporal.target(),
        kube.url(),
        kube.kubeconfig(),
        LocalKubernetesApi.CONTEXT);
  }

  private <T extends AutoCloseable> T add(T part) {
    parts.push(part);
    return part;
  }

  /** Lets the kubelet run pods of another kind (asked after the runtimes registered before). */
  public Sandbox register(PodRuntime runtime) {
    kubelet.register(runtime);
    return this;
  }

  /** A client of the sandbox's Kubernetes API (namespace {@code default}). */
  public KubernetesClient client() {
    return kube.client();
  }

  /** The Temporal frontend, {@code 127.0.0.1:<port>}. */
  public String temporalTarget() {
    return temporal.target();
  }

  /** The kubeconfig file (context {@value LocalKubernetesApi#CONTEXT}). */
  public Path kubeconfig() {
    return kube.kubeconfig();
  }

  public SandboxOptions options() {
    return options;
  }

  /** Stops routing, controllers, every pod's process, the Kubernetes API and Temporal. */
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
