package io.gridshift.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The probe over two caches with the write pause an Infinispan upgrade asks for: while paused,
 * nothing reaches the paused cache's writes (reads go on), a write in flight is answered before the
 * pause is confirmed, and lost-write accounting covers both caches.
 */
class CacheRouterTest {
  private final InMemoryGrid sessions = new InMemoryGrid();
  private final CountingGrid catalog = new CountingGrid();

  private CacheRouter router() {
    Map<String, GridOps> byCache = new LinkedHashMap<>();
    byCache.put("sessions", sessions);
    byCache.put("catalog", catalog);
    return new CacheRouter(byCache);
  }

  @Test
  void whilePausedNoWriteReachesThePausedCacheAndReadsGoOn() throws Exception {
    CacheRouter router = router();
    TrafficProbe probe =
        TrafficProbe.start(router, TrafficOptions.defaults().withRunId("pause").withKeys(40));
    Thread.sleep(400);
    catalog.delayMillis = 100; // a write in flight when the pause comes

    assertThat(router.pauseWrites(List.of("catalog", "events"))).containsExactly("catalog");
    // Confirmed: nothing in flight, and nothing new starts.
    assertThat(catalog.inFlight.get()).isZero();
    long writesWhenPaused = catalog.puts.get();
    long readsWhenPaused = catalog.gets.get();
    Thread.sleep(500);
    assertThat(catalog.puts.get()).isEqualTo(writesWhenPaused);
    assertThat(catalog.gets.get()).isGreaterThan(readsWhenPaused);

    Map<String, Long> held = router.resumeWrites();
    assertThat(held).containsOnlyKeys("catalog");
    assertThat(held.get("catalog")).isBetween(500L, 5_000L);
    // New connections open only once a Service switch has had time (1 s) to reach the proxy.
    assertThat(held.get("catalog")).isGreaterThanOrEqualTo(1_500L);
    assertThat(catalog.reconnects.get()).isEqualTo(1);
    Thread.sleep(400);
    assertThat(catalog.puts.get()).isGreaterThan(writesWhenPaused);
    TrafficRecord record = probe.stopAndVerify();

    assertThat(record.errors()).isZero();
    assertThat(record.lostWrites()).isZero();
    assertThat(sessions.store).isNotEmpty();
    assertThat(catalog.store).isNotEmpty();
  }

  @Test
  void aWriteLostInEitherCacheIsALostWrite() throws Exception {
    CacheRouter router = router();
    String catalogKey = "probe-lost-3";
    assertThat(router.cacheOf(catalogKey)).isEqualTo("catalog");
    catalog.dropWrites = key -> key.equals(catalogKey);
    TrafficProbe probe =
        TrafficProbe.start(router, TrafficOptions.defaults().withRunId("lost").withKeys(10));
    Thread.sleep(400);

    TrafficRecord record = probe.stopAndVerify();

    assertThat(record.lostWrites()).isEqualTo(1);
  }

  /** The in-memory grid, counting writes in flight and reconnects. */
  private static final class CountingGrid implements GridOps {
    private final InMemoryGrid grid = new InMemoryGrid();
    final Map<String, String> store = grid.store;
    final java.util.concurrent.atomic.AtomicLong puts = grid.puts;
    final java.util.concurrent.atomic.AtomicLong gets = grid.gets;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();
    volatile long delayMillis;
    volatile java.util.function.Predicate<String> dropWrites = key -> false;

    @Override
    public void put(String key, String value) throws Exception {
      inFlight.incrementAndGet();
      try {
        if (delayMillis > 0) {
          Thread.sleep(delayMillis);
        }
        grid.dropWrites = dropWrites;
        grid.put(key, value);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public String get(String key) throws Exception {
      return grid.get(key);
    }

    @Override
    public void reconnect() {
      reconnects.incrementAndGet();
    }

    @Override
    public String describe() {
      return "counting in-memory grid";
    }

    @Override
    public void close() {}
  }
}
