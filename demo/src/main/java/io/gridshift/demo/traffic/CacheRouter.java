package io.gridshift.demo.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One probe client over several caches, as an application writing to more than one: each key
 * belongs to one cache (by its hash, so it stays there for the whole run), and writes to chosen
 * caches can be paused and resumed while reads go on.
 *
 * <ol>
 *   <li>{@link #pauseWrites} stops new writes to those caches at once ({@link WritesPaused}, so the
 *       probe reads instead) and returns when the writes already sent have been answered: from then
 *       on nothing writes to them.
 *   <li>{@link #resumeWrites} lets writes through again and says how long they were held.
 * </ol>
 *
 * Every acknowledged write is read back through the same routing, so lost-write accounting covers
 * every cache. Closing closes each cache's client.
 */
public final class CacheRouter implements GridOps {
  /** How long a Service switch takes to reach the proxy that routes new connections. */
  static final Duration SERVICE_PROPAGATION = Duration.ofSeconds(1);

  private final Map<String, GridOps> byCache;
  private final List<String> order;
  private final Map<String, Gate> gates = new LinkedHashMap<>();

  /** Routes over {@code byCache}, in its iteration order (keep it stable: keys hash onto it). */
  public CacheRouter(Map<String, GridOps> byCache) {
    if (byCache.isEmpty()) {
      throw new IllegalArgumentException("a cache router needs at least one cache");
    }
    this.byCache = new LinkedHashMap<>(byCache);
    this.order = List.copyOf(byCache.keySet());
    for (String cache : order) {
      gates.put(cache, new Gate());
    }
  }

  /** The cache {@code key} belongs to. */
  public String cacheOf(String key) {
    return order.get(Math.floorMod(key.hashCode(), order.size()));
  }

  @Override
  public void put(String key, String value) throws Exception {
    String cache = cacheOf(key);
    Gate gate = gates.get(cache);
    if (!gate.tryBeginWrite()) {
      throw new WritesPaused(cache);
    }
    try {
      byCache.get(cache).put(key, value);
    } finally {
      gate.endWrite();
    }
  }

  @Override
  public String get(String key) throws Exception {
    return byCache.get(cacheOf(key)).get(key);
  }

  /**
   * Stops writes to those of {@code caches} this router writes to and waits until the writes in
   * flight to them are answered.
   *
   * @return the caches now paused (the others named are not written by this client)
   */
  public List<String> pauseWrites(Collection<String> caches) throws InterruptedException {
    List<String> paused = new ArrayList<>();
    for (String cache : caches) {
      Gate gate = gates.get(cache);
      if (gate != null) {
        gate.pause();
        paused.add(cache);
      }
    }
    for (String cache : paused) {
      gates.get(cache).awaitNoWriteInFlight();
    }
    return paused;
  }

  /**
   * Lets writes to every paused cache through again, on new connections: traffic may have moved
   * while they were paused, and connections opened before that still reach the old grid.
   *
   * @return per cache resumed, how long its writes were held, in ms
   */
  public Map<String, Long> resumeWrites() {
    // A Service's new selector reaches the proxy that routes its connections a moment after the
    // switch (the sandbox's kube-proxy re-reads Services every 200 ms; kube-proxy takes a moment
    // too): a client reconnecting at once can still land on the old grid, and its writes miss the
    // target. Wait that moment out before opening the new connections.
    if (gates.values().stream().anyMatch(Gate::isPaused)) {
      try {
        Thread.sleep(SERVICE_PROPAGATION.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, Long> held = new LinkedHashMap<>();
    gates.forEach(
        (cache, gate) -> {
          if (gate.isPaused()) {
            byCache.get(cache).reconnect();
          }
          long ms = gate.resume();
          if (ms >= 0) {
            held.put(cache, ms);
          }
        });
    return held;
  }

  @Override
  public String describe() {
    List<String> each = new ArrayList<>();
    byCache.values().forEach(ops -> each.add(ops.describe()));
    return "keys spread over " + order + ": " + String.join("; ", each);
  }

  @Override
  public void close() throws Exception {
    for (GridOps ops : byCache.values()) {
      ops.close();
    }
  }

  /** One cache's writes: paused or not, and how many are in flight. */
  private static final class Gate {
    private boolean paused;
    private long pausedAtNanos;
    private int inFlight;

    synchronized boolean isPaused() {
      return paused;
    }

    synchronized boolean tryBeginWrite() {
      if (paused) {
        return false;
      }
      inFlight++;
      return true;
    }

    synchronized void endWrite() {
      inFlight--;
      notifyAll();
    }

    synchronized void pause() {
      if (!paused) {
        paused = true;
        pausedAtNanos = System.nanoTime();
      }
    }

    synchronized void awaitNoWriteInFlight() throws InterruptedException {
      while (inFlight > 0) {
        wait();
      }
    }

    /** Resumes; how long writes were held, or -1 when they were not paused. */
    synchronized long resume() {
      if (!paused) {
        return -1;
      }
      paused = false;
      return (System.nanoTime() - pausedAtNanos) / 1_000_000;
    }
  }
}
