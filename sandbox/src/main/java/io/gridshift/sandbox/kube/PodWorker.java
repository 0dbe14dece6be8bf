package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod's life on the sandbox's node, on its own thread (the kubelet's pod worker):
 *
 * <ol>
 *   <li>Take a loopback address and report it (phase Pending, ContainerCreating), or fail the pod
 *       when no runtime handles its image.
 *   <li>Start the process through the runtime (retrying with a back-off when that throws); report
 *       Running. An image listed in {@link CrashImages} exits at once instead.
 *   <li>Probe readiness every interval and report the Ready condition when it changes; restart a
 *       process that died (CrashLoopBackOff, restart count, back-off).
 *   <li>When the pod is marked for deletion: report NotReady first (Services stop routing to it),
 *       run a {@code preStop} sleep if the container has one, stop the process within what is left
 *       of the pod's grace period (SIGTERM, SIGKILL after it), then remove the kubelet's finalizer,
 *       which removes the object.
 * </ol>
 */
final class PodWorker {
  private static final Logger log = LoggerFactory.getLogger(PodWorker.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Kubelet kubelet;
  private final String key;
  private final Thread thread;
  private volatile Pod latest;
  private volatile boolean gone;
  private volatile boolean shutdown;
  private volatile boolean finished;

  // Written by the worker thread only.
  private String ip;
  private final Instant startTime = Instant.now();
  private String phase = "Pending";
  private boolean ready;
  private Instant readySince = startTime;
  private int restarts;
  private int startFailures;
  private RunningPod current;
  private Instant startedAt;
  private String waitingReason = "ContainerCreating";
  private String message;
  private PodStatuses.Termination lastTermination;
  private PodStatus written;

  PodWorker(Kubelet kubelet, Pod pod) {
    this.kubelet = kubelet;
    this.latest = pod;
    this.key = Pods.key(pod);
    this.thread = new Thread(this::run, "sandbox-pod-" + key);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The pod as the kubelet last listed it. */
  void observe(Pod pod) {
    latest = pod;
  }

  /** The pod object is gone from the API (deleted without waiting for the kubelet). */
  void observeGone() {
    gone = true;
  }

  /** The kubelet is closing: stop the process, leave the object alone. */
  void shutdown() {
    shutdown = true;
  }

  boolean isFinished() {
    return finished;
  }

  void join(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
  }

  private void run() {
    ip = kubelet.ips().allocate();
    try {
      PodRuntime runtime = kubelet.runtimeFor(latest);
      if (runtime == null) {
        failWithoutRuntime();
      } else {
        write();
        RunningPod running = runUntilStopRequested(runtime);
        if (running != null) {
          terminate(running);
        }
      }
      removeFinalizer();
    } catch (RuntimeException e) {
      log.error("pod {}: kubelet worker failed; stopping its process", key, e);
      stopQuietly(current);
    } finally {
      kubelet.ips().release(ip);
      finished = true;
    }
  }

  /** Steps 2 and 3; returns the process still running when a stop was requested, else null. */
  private RunningPod runUntilStopRequested(PodRuntime runtime) {
    while (!stopRequested()) {
      RunningPod running = tryStart(runtime);
      if (running == null) {
        continue;
      }
      supervise(running);
      if (stopRequested()) {
        return running;
      }
      restarts++;
      backOff(restarts);
    }
    return null;
  }

  private RunningPod tryStart(PodRuntime runtime) {
    try {
      // The crash fixture: a listed image's container exits at once, its process never runs.
      Optional<RunningPod> crashed = kubelet.crashImages().startCrashing(image());
      RunningPod running =
          crashed.isPresent()
              ? crashed.get()
              : runtime.start(new PodContext(latest, ip, kubelet.client(), kubelet.sandboxDir()));
      current = running;
      startedAt = Instant.now();
      phase = "Running";
      waitingReason = null;
      message = null;
      write();
      log.info("pod {}: started on {} (restarts {})", key, ip, restarts);
      return running;
    } catch (Exception e) {
      // Nobody interrupts pod workers to stop them (they watch flags); a stray interrupt must
      // not turn every later sleep into a busy loop.
      Thread.interrupted();
      log.warn("pod {}: could not start its process, retrying: {}", key, e.toString());
      waitingReason = "RunContainerError";
      message = String.valueOf(e.getMessage());
      write();
      backOff(++startFailures);
      return null;
    }
  }

  private void supervise(RunningPod running) {
    while (!stopRequested()) {
      if (!running.isAlive()) {
        log.warn("pod {}: process exited; restarting it (restart {})", key, restarts + 1);
        setReady(false);
        waitingReason = "CrashLoopBackOff";
        message = "back-off restarting failed container; restart " + (restarts + 1);
        if (running.exitCode().isPresent()) {
          lastTermination =
              new PodStatuses.Termination(
                  running.exitCode().getAsInt(), running.exitMessage(), startedAt, Instant.now());
        }
        write();
        stopQuietly(running); // releases what the runtime still holds for it
        return;
      }
      setReady(running.isReady());
      write();
      kubelet.sleep(kubelet.interval());
    }
  }

  private void terminate(RunningPod running) {
    if (!gone && !shutdown) {
      setReady(false);
      write();
    }
    Duration grace = gracePeriod();
    Duration preStop = shutdown ? Duration.ZERO : min(preStopSleep(), grace);
    if (!preStop.isZero()) {
      // A preStop sleep lets Services stop routing before the process is told to stop.
      log.info("pod {}: preStop sleep {} s", key, preStop.toSeconds());
      kubelet.sleep(preStop);
    }
    Duration rest = grace.minus(preStop);
    log.info("pod {}: stopping (SIGTERM, SIGKILL after {} s)", key, rest.toSeconds());
    running.stop(rest);
    log.info("pod {}: stopped", key);
  }

  private void stopQuietly(RunningPod running) {
    if (running == null) {
      return;
    }
    try {
      running.stop(Duration.ZERO);
    } catch (RuntimeException e) {
      log.warn("pod {}: could not stop its process: {}", key, e.toString());
    }
  }

  /**
   * Like a kubelet that cannot pull an image: the pod stays Pending with its container waiting
   * (ErrImagePull and the message), not Failed, so a StatefulSet waits for it as Kubernetes does.
   */
  private void failWithoutRuntime() {
    phase = "Pending";
    waitingReason = "ErrImagePull";
    message = kubelet.noRuntimeMessage(latest);
    write();
    log.warn("pod {}: {}", key, message);
    while (!stopRequested()) {
      kubelet.sleep(kubelet.interval());
    }
  }

  /** Removing the last finalizer of a pod marked for deletion deletes it. */
  private void removeFinalizer() {
    if (gone || shutdown) {
      return;
    }
    try {
      kubelet
          .client()
          .pods()
          .inNamespace(latest.getMetadata().getNamespace())
          .withName(latest.getMetadata().getName())
          .edit(
              p ->
                  new PodBuilder(p)
                      .editMetadata()
                      .removeFromFinalizers(SandboxApiDispatcher.KUBELET_FINALIZER)
                      .endMetadata()
                      .build());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void setReady(boolean now) {
    if (now != ready) {
      ready = now;
      readySince = Instant.now();
      log.info("pod {}: {}", key, now ? "Ready" : "NotReady");
    }
  }

  private void write() {
    Pod pod = latest;
    PodStatus status =
        PodStatuses.build(
            pod,
            new PodStatuses.State(
                ip,
                startTime,
                phase,
                ready,
                readySince,
                restarts,
                startedAt,
                waitingReason,
                message,
                lastTermination));
    if (Objects.equals(status, written) || gone) {
      return;
    }
    try {
      kubelet
          .client()
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .resource(new PodBuilder(pod).withStatus(status).build())
          .replaceStatus();
      written = status;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        gone = true;
      } else {
        log.debug("pod {}: status write failed, will retry: {}", key, e.getMessage());
      }
    }
  }

  private boolean stopRequested() {
    return shutdown || gone || Pods.isTerminating(latest);
  }

  private Duration gracePeriod() {
    Long seconds = latest.getSpec().getTerminationGracePeriodSeconds();
    Long deletion = latest.getMetadata().getDeletionGracePeriodSeconds();
    long grace = seconds == null ? ApiDefaults.DEFAULT_GRACE_SECONDS : seconds;
    if (deletion != null) {
      grace = Math.min(grace, deletion);
    }
    Duration duration = Duration.ofSeconds(Math.max(0, grace));
    return shutdown ? min(duration, kubelet.shutdownGrace()) : duration;
  }

  private String image() {
    var containers = latest.getSpec().getContainers();
    return containers.isEmpty() ? null : containers.get(0).getImage();
  }

  /** The first container's {@code lifecycle.preStop.sleep} (the only preStop hook run here). */
  private Duration preStopSleep() {
    var container = latest.getSpec().getContainers().get(0);
    if (container.getLifecycle() == null
        || container.getLifecycle().getPreStop() == null
        || container.getLifecycle().getPreStop().getSleep() == null) {
      return Duration.ZERO;
    }
    Long seconds = container.getLifecycle().getPreStop().getSleep().getSeconds();
    return Duration.ofSeconds(seconds == null ? 0 : Math.max(0, seconds));
  }

  /** 1 s, 2 s, 4 s ... up to 30 s, like a kubelet's crash-loop back-off (which starts at 10 s). */
  private void backOff(int attempt) {
    long millis = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(Math.max(0, attempt - 1), 5));
    long until = System.nanoTime() + millis * 1_000_000;
    while (!stopRequested() && System.nanoTime() < until) {
      kubelet.sleep(kubelet.interval());
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
