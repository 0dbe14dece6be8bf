package io.gridshift.demo.it.e2e;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the pods of one StatefulSet through the Kubernetes API every {@value #POLL_MS} ms,
 * independently of the workflow: which pod (uid) holds each ordinal, and whether it is Ready (not
 * terminating, Running, condition Ready). From the samples: every replacement (a new uid at an
 * ordinal) with the API's own timestamps, and how many pods were not Ready at the same time.
 */
final class PodRollWatch implements AutoCloseable {
  static final long POLL_MS = 100;

  /**
   * One pod replaced by another at the same ordinal.
   *
   * @param oldDownMs the first sample in which the ordinal was no longer Ready (the old pod
   *     terminating, or gone) before the new pod appeared
   * @param newSeenMs the first sample showing the new pod
   * @param newReadyMs the new pod's Ready condition transition time (0: never seen Ready)
   */
  record Replacement(
      int ordinal,
      String oldUid,
      String oldCreated,
      String newUid,
      String newCreated,
      long oldDownMs,
      long newSeenMs,
      long newReadyMs) {}

  /**
   * @param deletedMs deletionTimestamp, whole seconds in the sandbox's API: shown, not measured
   */
  private record PodState(
      String uid, String created, boolean ready, long readySinceMs, long deletedMs) {}

  private record Sample(long atMs, Map<Integer, PodState> pods) {}

  private final KubernetesClient kube;
  private final String namespace;
  private final String statefulSet;
  private final int replicas;
  private final Pattern podName;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  PodRollWatch(KubernetesClient kube, String namespace, String statefulSet, int replicas) {
    this.kube = kube;
    this.namespace = namespace;
    this.statefulSet = statefulSet;
    this.replicas = replicas;
    this.podName = Pattern.compile(Pattern.quote(statefulSet) + "-(\\d+)");
    this.thread = new Thread(this::loop, "pod-roll-watch-" + statefulSet);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void loop() {
    while (running) {
      long started = System.currentTimeMillis();
      try {
        Sample sample = sample(started);
        synchronized (samples) {
          samples.add(sample);
        }
      } catch (RuntimeException e) {
        // the API did not answer this time: the next sample will
      }
      long rest = POLL_MS - (System.currentTimeMillis() - started);
      try {
        Thread.sleep(Math.max(rest, 1));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Sample sample(long at) {
    Map<Integer, PodState> pods = new HashMap<>();
    for (Pod pod : kube.pods().inNamespace(namespace).list().getItems()) {
      Matcher m = podName.matcher(pod.getMetadata().getName());
      if (m.matches() && ownedByStatefulSet(pod)) {
        pods.put(Integer.parseInt(m.group(1)), state(pod));
      }
    }
    return new Sample(at, pods);
  }

  private boolean ownedByStatefulSet(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream()
            .anyMatch(o -> "StatefulSet".equals(o.getKind()) && statefulSet.equals(o.getName()));
  }

  private static PodState state(Pod pod) {
    long readySince = 0;
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
          readySince = millis(c.getLastTransitionTime());
        }
      }
    }
    String deletion = pod.getMetadata().getDeletionTimestamp();
    boolean running = pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
    boolean ready = deletion == null && running && readySince > 0;
    return new PodState(
        pod.getMetadata().getUid(),
        pod.getMetadata().getCreationTimestamp(),
        ready,
        readySince,
        deletion == null ? 0 : millis(deletion));
  }

  private static long millis(String timestamp) {
    return timestamp == null ? 0 : Instant.parse(timestamp).toEpochMilli();
  }

  private List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** How many samples were taken (a watch that saw nothing proves nothing). */
  int sampleCount() {
    return samples().size();
  }

  /** When all {@code replicas} pods were first Ready together; 0 if never. */
  long firstWholeMs() {
    return samples().stream()
        .filter(s -> notReady(s) == 0)
        .mapToLong(Sample::atMs)
        .findFirst()
        .orElse(0);
  }

  /**
   * The most ordinals not Ready (no pod, terminating, or not Ready) in one sample taken in {@code
   * [fromMs, toMs]}.
   */
  int maxNotReady(long fromMs, long toMs) {
    return samples().stream()
        .filter(s -> s.atMs() >= fromMs && s.atMs() <= toMs)
        .mapToInt(this::notReady)
        .max()
        .orElse(-1);
  }

  /**
   * The longest gap between two samples in {@code [fromMs, toMs]}, what the watch may have missed.
   */
  Duration longestGap(long fromMs, long toMs) {
    long previous = 0;
    long longest = 0;
    for (Sample s : samples()) {
      if (s.atMs() < fromMs || s.atMs() > toMs) {
        continue;
      }
      if (previous != 0) {
        longest = Math.max(longest, s.atMs() - previous);
      }
      previous = s.atMs();
    }
    return Duration.ofMillis(longest);
  }

  private int notReady(Sample s) {
    int ready = 0;
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      PodState p = s.pods().get(ordinal);
      if (p != null && p.ready()) {
        ready++;
      }
    }
    return replicas - ready;
  }

  /** Every change the watch saw, one line each: for a failure message or a log. */
  String timeline() {
    StringBuilder out = new StringBuilder();
    Map<Integer, PodState> last = new HashMap<>();
    for (Sample s : samples()) {
      for (int ordinal = 0; ordinal < replicas; ordinal++) {
        PodState now = s.pods().get(ordinal);
        if (!java.util.Objects.equals(now, last.get(ordinal))) {
          out.append(Instant.ofEpochMilli(s.atMs()))
              .append(' ')
              .append(statefulSet)
              .append('-')
              .append(ordinal)
              .append(' ')
              .append(
                  now == null
                      ? "absent"
                      : "uid "
                          + now.uid().substring(Math.max(0, now.uid().length() - 8))
                          + (now.ready() ? " Ready" : " not Ready")
                          + (now.readySinceMs() > 0
                              ? " since " + Instant.ofEpochMilli(now.readySinceMs())
                              : "")
                          + (now.deletedMs() > 0
                              ? " deleted " + Instant.ofEpochMilli(now.deletedMs())
                              : ""))
              .append('\n');
          last.put(ordinal, now);
        }
      }
    }
    return out.toString();
  }

  /** Every replacement seen, in the order the new pods appeared. */
  List<Replacement> replacements() {
    List<Sample> all = samples();
    List<Replacement> found = new ArrayList<>();
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      PodState current = null;
      long downSince = 0;
      for (int i = 0; i < all.size(); i++) {
        Sample s = all.get(i);
        PodState p = s.pods().get(ordinal);
        boolean ready = p != null && p.ready();
        if (!ready && downSince == 0) {
          downSince = s.atMs();
        } else if (ready) {
          downSince = 0;
        }
        if (p == null) {
          continue;
        }
        if (current != null && !current.uid().equals(p.uid())) {
          found.add(
              new Replacement(
                  ordinal,
                  current.uid(),
                  current.created(),
                  p.uid(),
                  p.created(),
                  downSince,
                  s.atMs(),
                  readySince(all, i, ordinal, p.uid())));
        }
        current = p;
      }
    }
    found.sort(Comparator.comparingLong(Replacement::newSeenMs));
    return found;
  }

  /** The Ready transition time of pod {@code uid} as first seen from sample {@code from} on. */
  private static long readySince(List<Sample> all, int from, int ordinal, String uid) {
    for (int i = from; i < all.size(); i++) {
      PodState p = all.get(i).pods().get(ordinal);
      if (p != null && p.uid().equals(uid) && p.ready()) {
        return p.readySinceMs();
      }
    }
    return 0;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
