package io.gridshift.demo.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;

/**
 * The benchmark's data set: {@code entries} string entries spread over the caches, every key and
 * value derived from (cache, index), so any grid can be checked entry by entry afterwards.
 */
final class SyncData {
  private static final int BATCH = 1000;

  private final SyncTuningOptions options;

  SyncData(SyncTuningOptions options) {
    this.options = options;
  }

  static String key(String cache, int i) {
    return cache + "-" + i;
  }

  /** {@code <cache>-<i>:} padded with a repeating pattern to {@code bytes} characters. */
  static String value(String cache, int i, int bytes) {
    StringBuilder value = new StringBuilder(bytes).append(cache).append('-').append(i).append(':');
    while (value.length() < bytes) {
      value.append((char) ('a' + value.length() % 26));
    }
    value.setLength(bytes);
    return value.toString();
  }

  /** Loads every cache through Hot Rod {@code putAll} (batches of 1000), caches in parallel. */
  void load(List<String> hosts) throws Exception {
    try (RemoteCacheManager rcm = hotRod(hosts)) {
      forEachCache(
          (cache, count) -> {
            RemoteCache<String, String> c = rcm.getCache(cache);
            Map<String, String> batch = new HashMap<>();
            for (int i = 0; i < count; i++) {
              batch.put(key(cache, i), value(cache, i, options.valueBytes()));
              if (batch.size() == BATCH || i == count - 1) {
                c.putAll(batch);
                batch.clear();
              }
            }
            return 0L;
          });
    }
  }

  /** Reads every key back from {@code hosts}; returns how many are missing or different. */
  long mismatched(List<String> hosts) throws Exception {
    try (RemoteCacheManager rcm = hotRod(hosts)) {
      return forEachCache(
          (cache, count) -> {
            RemoteCache<String, String> c = rcm.getCache(cache);
            long bad = 0;
            for (int start = 0; start < count; start += BATCH) {
              int end = Math.min(count, start + BATCH);
              Set<String> keys = new HashSet<>();
              for (int i = start; i < end; i++) {
                keys.add(key(cache, i));
              }
              Map<String, String> found = c.getAll(keys);
              for (int i = start; i < end; i++) {
                if (!value(cache, i, options.valueBytes()).equals(found.get(key(cache, i)))) {
                  bad++;
                }
              }
            }
            return bad;
          });
    }
  }

  private interface PerCache {
    long run(String cache, int count) throws Exception;
  }

  /** Runs {@code work} for every cache at once; returns the sum of the results. */
  private long forEachCache(PerCache work) throws Exception {
    List<String> caches = options.cacheNames();
    ExecutorService pool = Executors.newFixedThreadPool(caches.size());
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < caches.size(); i++) {
        String cache = caches.get(i);
        int count = options.entriesOf(i);
        results.add(pool.submit(() -> work.run(cache, count)));
      }
      long sum = 0;
      for (Future<Long> result : results) {
        sum += result.get();
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }

  private static RemoteCacheManager hotRod(List<String> hosts) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    for (String host : hosts) {
      builder.addServer().host(host).port(SyncGrid.PORT);
    }
    builder.socketTimeout(60_000);
    return new RemoteCacheManager(builder.build());
  }
}
