package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's only node. Every pod in the API is "scheduled" here: a {@link PodWorker} per pod
 * gives it a loopback address from 127.0.1.0/24, runs its process through the first {@link
 * PodRuntime} that handles it, keeps its status (phase, podIP, Ready, container statuses) current
 * and stops it gracefully when the pod is deleted. Pod deletion is graceful because the API server
 * puts the kubelet's finalizer on every pod: a DELETE marks the pod, the worker stops the process
 * and then removes the finalizer.
 */
public final class Kubelet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Kubelet.class);

  private final KubernetesClient client;
  private final Path sandboxDir;
  private final Duration interval;
  private final Duration shutdownGrace;
  private final LoopbackPool ips;
  private final List<PodRuntime> runtimes = new CopyOnWriteArrayList<>();
  private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
  private final ReconcileLoop loop;
  private volatile CrashImages crashImages;

  /**
   * @param client the API client
   * @param sandboxDir where runtimes keep pod files
   * @param interval how often pods are listed and each pod's readiness is probed
   * @param shutdownGrace the longest grace period pods get when the kubelet itself closes
   */
  public Kubelet(
      KubernetesClient client, Path sandboxDir, Duration interval, Duration shutdownGrace) {
    this(client, sandboxDir, interval, shutdownGrace, "127.0.1.");
  }

  /**
   * A kubelet whose pods take addresses {@code <podPrefix>1..254}.
   *
   * @param podPrefix three octets and a dot, e.g. {@code 127.0.1.}
   */
  public Kubelet(
      KubernetesClient client,
      Path sandboxDir,
      Duration interval,
      Duration shutdownGrace,
      String podPrefix) {
    this.ips = new LoopbackPool(podPrefix);
    this.client = client;
    this.sandboxDir = sandboxDir;
    this.interval = interval;
    this.shutdownGrace = shutdownGrace;
    this.loop = new ReconcileLoop("kubelet", interval, this::sync);
    this.crashImages = new CrashImages(sandboxDir);
  }

  /** Reads the images that crash at start from {@code crashImages} (default: the pods' dir). */
  public Kubelet crashImages(CrashImages crashImages) {
    this.crashImages = crashImages;
    return this;
  }

  CrashImages crashImages() {
    return crashImages;
  }

  /** Adds a runtime; runtimes are asked in the order they were registered. */
  public Kubelet register(PodRuntime runtime) {
    runtimes.add(runtime);
    return this;
  }

  public Kubelet start() {
    loop.start();
    return this;
  }

  private void sync() {
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    Set<String> listed = new HashSet<>();
    for (Pod pod : pods) {
      String uid = pod.getMetadata().getUid();
      listed.add(uid);
      workers
          .computeIfAbsent(
              uid,
              u -> {
                PodWorker worker = new PodWorker(this, pod);
                worker.start();
                return worker;
              })
          .observe(pod);
    }
    workers.forEach(
        (uid, worker) -> {
          if (!listed.contains(uid)) {
            worker.observeGone();
            if (worker.isFinished()) {
              workers.remove(uid);
            }
          }
        });
  }

  PodRuntime runtimeFor(Pod pod) {
    for (PodRuntime runtime : runtimes) {
      if (runtime.handles(pod)) {
        return runtime;
      }
    }
    return null;
  }

  String noRuntimeMessage(Pod pod) {
    String image =
        pod.getSpec().getContainers().isEmpty()
            ? "(none)"
            : pod.getSpec().getContainers().get(0).getImage();
    String known =
        runtimes.isEmpty()
            ? "no runtimes are registered"
            : runtimes.stream().map(PodRuntime::describe).collect(Collectors.joining("; "));
    return "sandbox has no runtime for image " + image + "; known: " + known;
  }

  KubernetesClient client() {
    return client;
  }

  Path sandboxDir() {
    return sandboxDir;
  }

  Duration interval() {
    return interval;
  }

  Duration shutdownGrace() {
    return shutdownGrace;
  }

  LoopbackPool ips() {
    return ips;
  }

  /**
   * Sleeps on a pod worker's thread. Workers are stopped through flags, never by interrupts, so an
   * interrupt only cuts the sleep short; re-asserting it would make every later sleep return at
   * once.
   */
  void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      // see above
    }
  }

  /** Stops listing pods and stops every pod's process (grace capped at the shutdown grace). */
  @Override
  public void close() {
    loop.close();
    workers.values().forEach(PodWorker::shutdown);
    long deadline = System.nanoTime() + shutdownGrace.plusSeconds(10).toNanos();
    for (PodWorker worker : workers.values()) {
      try {
        worker.join(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (!worker.isFinished()) {
        log.warn(
            "a pod worker did not stop within {} s; its process may still run",
            shutdownGrace.plusSeconds(10).toSeconds());
      }
    }
    workers.clear();
  }
}
