package io.gridshift.demo.measure;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the world while an upgrade runs, independently of the orchestrator: every pod's life in
 * one namespace (appeared, Ready, deletion began, gone) and, when given, whether the grid reports
 * itself settled (e.g. Hazelcast cluster-safe). Polls every {@value #POLL_MS} ms, so its times are
 * that precise; Ready and deletion times come from the API's own timestamps (milliseconds).
 */
public final class WorldRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorldRecorder.class);
  static final long POLL_MS = 100;

  private final KubernetesClient client;
  private final String namespace;
  private final BooleanSupplier settled;
  private final Map<String, PodLife> pods = new ConcurrentHashMap<>();
  private final Map<String, Integer> minReadyByOwner = new HashMap<>();
  private final List<Interval> unsettled = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private long unsettledSince;

  /**
   * @param settled polled every tick when not null: false while the grid rebalances
   */
  public WorldRecorder(KubernetesClient client, String namespace, BooleanSupplier settled) {
    this.client = client;
    this.namespace = namespace;
    this.settled = settled;
    this.thread = new Thread(this::loop, "world-recorder");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void loop() {
    while (running) {
      long now = System.currentTimeMillis();
      try {
        observePods(now);
        observeSettling(now);
      } catch (RuntimeException e) {
        LOG.debug("world recorder: {}", e.getMessage());
      }
      sleep(POLL_MS - (System.currentTimeMillis() - now));
    }
  }

  private void observePods(long now) {
    Set<String> present = new HashSet<>();
    for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
      String name = pod.getMetadata().getName() + "/" + pod.getMetadata().getUid();
      present.add(name);
      PodLife life =
          pods.computeIfAbsent(name, n -> new PodLife(n, now, 0, minReadySeconds(pod), 0, 0));
      long ready = readySince(pod);
      if (life.readyMs() == 0 && ready > 0) {
        life = life.withReady(ready);
      }
      String deletion = pod.getMetadata().getDeletionTimestamp();
      if (life.terminatingMs() == 0 && deletion != null) {
        life = life.withTerminating(parse(deletion, now));
      }
      pods.put(name, life);
    }
    pods.replaceAll(
        (name, life) -> present.contains(name) || life.goneMs() != 0 ? life : life.withGone(now));
  }

  private void observeSettling(long now) {
    if (settled == null) {
      return;
    }
    boolean ok;
    try {
      ok = settled.getAsBoolean();
    } catch (RuntimeException e) {
      ok = false; // no member answers: certainly not settled
    }
    synchronized (unsettled) {
      if (!ok && unsettledSince == 0) {
        unsettledSince = now;
      } else if (ok && unsettledSince != 0) {
        unsettled.add(new Interval(unsettledSince, now));
        unsettledSince = 0;
      }
    }
  }

  private int minReadySeconds(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return 0;
    }
    OwnerReference owner = owners.get(0);
    return minReadyByOwner.computeIfAbsent(
        owner.getKind() + "/" + owner.getName(),
        key -> {
          Integer seconds = null;
          if ("StatefulSet".equals(owner.getKind())) {
            var sts = client.apps().statefulSets().inNamespace(namespace).withName(owner.getName());
            seconds = sts.get() == null ? null : sts.get().getSpec().getMinReadySeconds();
          } else if ("ReplicaSet".equals(owner.getKind())) {
            var rs = client.apps().replicaSets().inNamespace(namespace).withName(owner.getName());
            seconds = rs.get() == null ? null : rs.get().getSpec().getMinReadySeconds();
          }
          return seconds == null ? 0 : seconds;
        });
  }

  private static long readySince(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return 0;
    }
    for (PodCondition c : pod.getStatus().getConditions()) {
      if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
        return parse(c.getLastTransitionTime(), System.currentTimeMillis());
      }
    }
    return 0;
  }

  private static long parse(String timestamp, long fallback) {
    try {
      return timestamp == null ? fallback : Instant.parse(timestamp).toEpochMilli();
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(Math.max(ms, 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every pod seen so far. */
  public List<PodLife> pods() {
    return List.copyOf(pods.values());
  }

  /** Spans during which the grid said it was not settled (rebalancing). */
  public List<Interval> unsettled() {
    synchronized (unsettled) {
      List<Interval> all = new ArrayList<>(unsettled);
      if (unsettledSince != 0) {
        all.add(new Interval(unsettledSince, System.currentTimeMillis()));
      }
      return all;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
