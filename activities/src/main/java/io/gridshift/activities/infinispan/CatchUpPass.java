package io.gridshift.activities.infinispan;

import io.gridshift.workflows.infinispan.activities.CatchUpResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.commons.util.CloseableIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a disconnected target cache hold exactly its source's entries, while client writes to the
 * cache are paused, in as little time as it can (the pause lasts as long as this pass).
 *
 * <ol>
 *   <li>Split the cache's segments into {@code ranges} ranges and read each range of each side on
 *       its own thread (server-side iteration of raw stored bytes, {@value #BATCH} entries per
 *       round trip): 2 x {@code ranges} readers at once.
 *   <li>Once every range of both sides is in memory, diff by key, byte for byte: source entries
 *       missing on the target or with other bytes are copied; target keys the source no longer has
 *       are deleted. The diff is over the whole cache, not per range, so a key the two servers
 *       place in different segments is never deleted by mistake.
 *   <li>Copy with {@code putAll} in batches of {@value #BATCH}; delete with parallel async removes.
 * </ol>
 *
 * <p>Running it again converges on the same state (nothing differs the second time), so a retried
 * activity is harmless. Memory: both caches are held once, as byte arrays (about 2 x 100,000
 * entries for the benchmark's cache); entry metadata (lifespan, max idle) is not carried by the
 * copies.
 */
final class CatchUpPass {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUpPass.class);
  static final int BATCH = 1000;
  private static final int PROGRESS_EVERY = 10_000;

  private final RemoteCache<byte[], byte[]> source;
  private final RemoteCache<byte[], byte[]> target;
  private final Runnable progress;

  /**
   * @param progress called after each range read and each batch written (heartbeats)
   */
  CatchUpPass(
      RemoteCache<byte[], byte[]> source, RemoteCache<byte[], byte[]> target, Runnable progress) {
    this.source = source;
    this.target = target;
    this.progress = progress;
  }

  /**
   * Opens both clients' connections and reads the first of {@code ranges} segment ranges of each
   * side, in parallel, through the same code the pass runs, so the pass itself meets warm
   * connections and compiled code (a cold pass measured about twice as slow). Changes nothing.
   */
  void warmUp(int ranges) {
    ExecutorService readers = Executors.newFixedThreadPool(2, CatchUpPass::daemon);
    try {
      merged(
          List.of(
              readers.submit(() -> read(source, firstRange(source, ranges), BATCH)),
              readers.submit(() -> read(target, firstRange(target, ranges), BATCH))));
    } finally {
      readers.shutdownNow();
    }
  }

  private static Set<Integer> firstRange(RemoteCache<byte[], byte[]> cache, int ranges) {
    // Without a known segment count the whole cache is one range (null): read it all.
    return segmentRanges(numSegments(cache), ranges).get(0);
  }

  CatchUpResult run(String cache, int ranges) {
    long started = System.nanoTime();
    LOG.info(
        "catch-up of '{}': {} segments on the source, {} on the target",
        cache,
        numSegments(source),
        numSegments(target));
    Map<ByteBuffer, byte[]> sourceEntries;
    Map<ByteBuffer, byte[]> targetEntries;
    ExecutorService readers = Executors.newFixedThreadPool(2 * ranges, CatchUpPass::daemon);
    try {
      List<Future<Map<ByteBuffer, byte[]>>> fromSource = readAll(readers, source, ranges);
      List<Future<Map<ByteBuffer, byte[]>>> fromTarget = readAll(readers, target, ranges);
      sourceEntries = merged(fromSource);
      targetEntries = merged(fromTarget);
    } finally {
      readers.shutdownNow();
    }
    long copied = copy(differing(sourceEntries, targetEntries));
    long deleted = delete(gone(sourceEntries, targetEntries));
    return new CatchUpResult(
        cache,
        sourceEntries.size(),
        targetEntries.size(),
        copied,
        deleted,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Source entries the target lacks or holds with other bytes. */
  static Map<byte[], byte[]> differing(
      Map<ByteBuffer, byte[]> sourceEntries, Map<ByteBuffer, byte[]> targetEntries) {
    Map<byte[], byte[]> differing = new HashMap<>();
    sourceEntries.forEach(
        (key, value) -> {
          if (!Arrays.equals(value, targetEntries.get(key))) {
            differing.put(bytes(key), value);
          }
        });
    return differing;
  }

  /** Target keys the source no longer has. */
  static List<byte[]> gone(
      Map<ByteBuffer, byte[]> sourceEntries, Map<ByteBuffer, byte[]> targetEntries) {
    List<byte[]> gone = new ArrayList<>();
    for (ByteBuffer key : targetEntries.keySet()) {
      if (!sourceEntries.containsKey(key)) {
        gone.add(bytes(key));
      }
    }
    return gone;
  }

  /**
   * The segments of {@code cache} split into {@code ranges} contiguous sets, or a single null
   * (every segment, one reader) when the client does not know the segment count.
   */
  static List<Set<Integer>> segmentRanges(Integer numSegments, int ranges) {
    if (numSegments == null || numSegments <= 0) {
      return Collections.singletonList(null);
    }
    int count = Math.min(ranges, numSegments);
    List<Set<Integer>> split = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      Set<Integer> segments = new HashSet<>();
      for (int s = r * numSegments / count; s < (r + 1) * numSegments / count; s++) {
        segments.add(s);
      }
      split.add(segments);
    }
    return split;
  }

  private List<Future<Map<ByteBuffer, byte[]>>> readAll(
      ExecutorService readers, RemoteCache<byte[], byte[]> cache, int ranges) {
    List<Future<Map<ByteBuffer, byte[]>>> reads = new ArrayList<>();
    for (Set<Integer> segments : segmentRanges(numSegments(cache), ranges)) {
      reads.add(
          readers.submit(
              () -> {
                Map<ByteBuffer, byte[]> entries = read(cache, segments, BATCH);
                progress.run();
                return entries;
              }));
    }
    return reads;
  }

  /**
   * Reads the entries of {@code segments} (null: all) as raw bytes, reporting progress every
   * {@value #PROGRESS_EVERY} entries (a large range outlasts a heartbeat timeout).
   */
  private Map<ByteBuffer, byte[]> read(
      RemoteCache<byte[], byte[]> cache, Set<Integer> segments, int batch) {
    Map<ByteBuffer, byte[]> entries = new HashMap<>();
    try (CloseableIterator<Map.Entry<Object, Object>> it =
        cache.retrieveEntries(null, segments, batch)) {
      while (it.hasNext()) {
        Map.Entry<Object, Object> e = it.next();
        entries.put(ByteBuffer.wrap((byte[]) e.getKey()), (byte[]) e.getValue());
        if (entries.size() % PROGRESS_EVERY == 0) {
          progress.run();
        }
      }
    }
    return entries;
  }

  private long copy(Map<byte[], byte[]> differing) {
    Map<byte[], byte[]> batch = new HashMap<>();
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : differing.entrySet()) {
      batch.put(e.getKey(), e.getValue());
      if (batch.size() == BATCH) {
        writes.add(target.putAllAsync(batch));
        batch = new HashMap<>();
      }
    }
    if (!batch.isEmpty()) {
      writes.add(target.putAllAsync(batch));
    }
    for (CompletableFuture<Void> w : writes) {
      w.join();
      progress.run();
    }
    return differing.size();
  }

  private long delete(List<byte[]> gone) {
    List<CompletableFuture<byte[]>> removes = new ArrayList<>(gone.size());
    for (byte[] key : gone) {
      removes.add(target.removeAsync(key));
    }
    removes.forEach(CompletableFuture::join);
    return gone.size();
  }

  private static Map<ByteBuffer, byte[]> merged(List<Future<Map<ByteBuffer, byte[]>>> reads) {
    Map<ByteBuffer, byte[]> all = new HashMap<>();
    for (Future<Map<ByteBuffer, byte[]>> read : reads) {
      try {
        all.putAll(read.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading a cache", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      }
    }
    return all;
  }

  private static Integer numSegments(RemoteCache<byte[], byte[]> cache) {
    try {
      return cache.getCacheTopologyInfo().getNumSegments();
    } catch (RuntimeException e) {
      return null; // no topology known (e.g. a local cache): one reader for the whole cache
    }
  }

  private static byte[] bytes(ByteBuffer key) {
    return key.array();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "gridshift-catch-up");
    t.setDaemon(true);
    return t;
  }
}
