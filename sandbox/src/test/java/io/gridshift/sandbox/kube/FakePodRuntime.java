package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A runtime for images {@code fake/...} that starts nothing: a "process" becomes ready a while
 * after it starts and records what the kubelet does to it. Pod annotations tune it: {@value
 * #READY_AFTER} (ms, default 100), {@value #IGNORE_SIGTERM} ("true": only SIGKILL stops it).
 */
final class FakePodRuntime implements PodRuntime {
  static final String READY_AFTER = "fake.sandbox/ready-after-ms";
  static final String IGNORE_SIGTERM = "fake.sandbox/ignore-sigterm";
  static final String DIE_ONCE_AFTER = "fake.sandbox/die-once-after-ms";

  /** Something that happened to a fake process. */
  record Event(String pod, String image, String what, Instant at) {}

  final List<Event> events = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> died = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public boolean handles(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage().startsWith("fake/");
  }

  @Override
  public String describe() {
    return "images fake/*";
  }

  @Override
  public RunningPod start(PodContext context) {
    Pod pod = context.pod();
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    long readyAfter = Long.parseLong(annotation(annotations, READY_AFTER, "100"));
    boolean ignoreSigterm = Boolean.parseBoolean(annotation(annotations, IGNORE_SIGTERM, "false"));
    String name = context.name();
    String image = pod.getSpec().getContainers().get(0).getImage();
    record("start", name, image);
    long readyAt = System.nanoTime() + readyAfter * 1_000_000;
    String dieAfter = annotation(annotations, DIE_ONCE_AFTER, null);
    long dieAt =
        dieAfter != null && died.add(name)
            ? System.nanoTime() + Long.parseLong(dieAfter) * 1_000_000
            : Long.MAX_VALUE;
    return new RunningPod() {
      private volatile boolean alive = true;

      @Override
      public boolean isAlive() {
        return alive && System.nanoTime() < dieAt;
      }

      @Override
      public boolean isReady() {
        return isAlive() && System.nanoTime() >= readyAt;
      }

      @Override
      public void stop(Duration grace) {
        record("sigterm", name, image);
        if (ignoreSigterm) {
          sleep(grace.toMillis());
          record("sigkill", name, image);
        } else {
          sleep(Math.min(50, grace.toMillis()));
          record("exit", name, image);
        }
        alive = false;
      }
    };
  }

  /** The events of one kind, in order. */
  List<Event> events(String what) {
    return events.stream().filter(e -> e.what().equals(what)).toList();
  }

  /** When {@code pod} last had {@code what} happen, or null. */
  Instant last(String pod, String what) {
    Instant at = null;
    for (Event e : events) {
      if (e.pod().equals(pod) && e.what().equals(what)) {
        at = e.at();
      }
    }
    return at;
  }

  private void record(String what, String pod, String image) {
    events.add(new Event(pod, image, what, Instant.now()));
  }

  private static String annotation(Map<String, String> annotations, String key, String fallback) {
    return annotations == null ? fallback : annotations.getOrDefault(key, fallback);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
