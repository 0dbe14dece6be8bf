package io.gridshift.demo.traffic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A grid in a map, with faults to inject: writes acknowledged but not stored, operations that
 * throw, reads that return the previous value, operations that take long.
 */
final class InMemoryGrid implements GridOps {
  final Map<String, String> store = new ConcurrentHashMap<>();
  private final Map<String, String> previous = new ConcurrentHashMap<>();
  final AtomicLong puts = new AtomicLong();
  final AtomicLong gets = new AtomicLong();

  /** Keys whose writes are acknowledged and then dropped. */
  volatile Predicate<String> dropWrites = key -> false;

  /** While true, every operation throws. */
  volatile boolean failing;

  /** While true, reads return the value before the latest (when there is one). */
  volatile boolean stale;

  /** Every operation takes this long first (interruptibly). */
  volatile long delayMillis;

  @Override
  public void put(String key, String value) throws InterruptedException {
    pause();
    puts.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("injected: grid refused the write of " + key);
    }
    if (dropWrites.test(key)) {
      return;
    }
    String old = store.put(key, value);
    if (old != null) {
      previous.put(key, old);
    }
  }

  @Override
  public String get(String key) throws InterruptedException {
    pause();
    gets.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("injected: grid did not answer the read of " + key);
    }
    String older = previous.get(key);
    return stale && older != null ? older : store.get(key);
  }

  private void pause() throws InterruptedException {
    if (delayMillis > 0) {
      Thread.sleep(delayMillis);
    }
  }

  @Override
  public String describe() {
    return "in-memory grid";
  }

  @Override
  public void close() {}
}
