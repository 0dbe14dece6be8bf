package io.gridshift.activities.infinispan;

import io.gridshift.workflows.infinispan.activities.VerifyResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.commons.util.CloseableIterator;

/**
 * Compares one cache on source and target, reading raw stored bytes through Hot Rod.
 *
 * <ol>
 *   <li>Stream the source's keys (server-side iteration, {@value #BATCH} per round trip; memory
 *       stays bounded by the batch, so 100k+ keys are fine).
 *   <li>Pick {@code sample} keys spread evenly over the key set (every n-th key).
 *   <li>Full check: look up every key of each batch on the target; otherwise only the sample.
 *   <li>Compare the sampled keys' values byte for byte, re-reading the ones that differ (a client
 *       write may have landed between the two reads).
 * </ol>
 *
 * <p>Reading around the remote store: while a target cache is connected, a plain read of a key it
 * lacks falls through to the source and hides the gap. With {@code skipSourceLoad} every target
 * read is a single-key call with Hot Rod's {@code SKIP_CACHE_LOAD} flag: on 15.0.21 the server
 * honours that flag for get, containsKey and size, but not for getAll (tried: getAll still loads
 * from the source), so the batched getAll is used only when falling through is harmless.
 */
final class CacheVerifier {
  static final int BATCH = 1000;
  private static final int MAX_EXAMPLES = 10;
  static final int RECHECKS = 3;
  static final long RECHECK_PAUSE_MS = 200;

  private final RemoteCache<byte[], byte[]> source;
  private final RemoteCache<byte[], byte[]> target;
  private final boolean skipSourceLoad;
  private final LongConsumer progress;

  private long checked;
  private long missing;
  private long different;
  private final List<String> examples = new ArrayList<>();

  /**
   * @param progress called with the number of keys checked so far, after each batch
   */
  CacheVerifier(
      RemoteCache<byte[], byte[]> source,
      RemoteCache<byte[], byte[]> target,
      boolean skipSourceLoad,
      LongConsumer progress) {
    this.source = source;
    this.target = target;
    this.skipSourceLoad = skipSourceLoad;
    this.progress = progress;
  }

  VerifyResult verify(
      String cache, long sourceEntries, long targetEntries, int sample, boolean full) {
    long stride = sample <= 0 ? Long.MAX_VALUE : Math.max(1, sourceEntries / sample);
    List<byte[]> sampled = new ArrayList<>();
    List<byte[]> batch = new ArrayList<>(BATCH);
    long index = 0;
    try (CloseableIterator<byte[]> keys = source.keySet().iterator()) {
      while (keys.hasNext()) {
        byte[] key = keys.next();
        if (sample > 0 && sampled.size() < sample && index++ % stride == 0) {
          sampled.add(key);
        }
        if (full) {
          batch.add(key);
          if (batch.size() == BATCH) {
            checkPresent(batch);
            batch.clear();
          }
        }
      }
    }
    checkPresent(full ? batch : sampled);
    for (int i = 0; i < sampled.size(); i += BATCH) {
      compareValues(sampled.subList(i, Math.min(sampled.size(), i + BATCH)));
    }
    return new VerifyResult(
        cache, sourceEntries, targetEntries, checked, missing, different, List.copyOf(examples));
  }

  private void checkPresent(List<byte[]> keys) {
    if (keys.isEmpty()) {
      return;
    }
    Set<ByteBuffer> present = skipSourceLoad ? presentInMemory(keys) : presentAnywhere(keys);
    for (byte[] key : keys) {
      if (!present.contains(ByteBuffer.wrap(key))) {
        missing++;
        example("missing " + KeyRenderer.render(key));
      }
    }
    checked += keys.size();
    progress.accept(checked);
  }

  private Set<ByteBuffer> presentAnywhere(List<byte[]> keys) {
    Set<ByteBuffer> present = new HashSet<>();
    target.getAll(new HashSet<>(keys)).keySet().forEach(k -> present.add(ByteBuffer.wrap(k)));
    return present;
  }

  private Set<ByteBuffer> presentInMemory(List<byte[]> keys) {
    List<CompletableFuture<Boolean>> lookups = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      // withFlags applies to the next call on this thread only.
      lookups.add(target.withFlags(Flag.SKIP_CACHE_LOAD).containsKeyAsync(key));
    }
    Set<ByteBuffer> present = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      if (lookups.get(i).join()) {
        present.add(ByteBuffer.wrap(keys.get(i)));
      }
    }
    return present;
  }

  /**
   * Counts the keys whose values differ on source and target. Clients keep writing during the
   * upgrade, and a write landing between the source read and the target read makes a key differ for
   * a moment; so a differing key is read again ({@value #RECHECKS} times, {@value
   * #RECHECK_PAUSE_MS} ms apart) and counts only if it differs every time. A value the target
   * really lost or never got stays different.
   */
  private void compareValues(List<byte[]> keys) {
    for (byte[] key : stillDiffering(keys, this::differing, CacheVerifier::pause)) {
      different++;
      example("different value " + KeyRenderer.render(key));
    }
  }

  /**
   * The keys {@code differing} reports for {@code keys}, then for those again after each {@code
   * pause}, {@value #RECHECKS} times: the ones that differed every time.
   */
  static List<byte[]> stillDiffering(
      List<byte[]> keys, Function<List<byte[]>, List<byte[]>> differing, Runnable pause) {
    List<byte[]> left = differing.apply(keys);
    for (int i = 0; i < RECHECKS && !left.isEmpty(); i++) {
      pause.run();
      left = differing.apply(left);
    }
    return left;
  }

  private List<byte[]> differing(List<byte[]> keys) {
    List<byte[]> differing = new ArrayList<>();
    if (keys.isEmpty()) {
      return differing;
    }
    Map<byte[], byte[]> sourceValues = source.getAll(new HashSet<>(keys));
    Map<ByteBuffer, byte[]> targetValues = targetValues(keys);
    for (Map.Entry<byte[], byte[]> entry : sourceValues.entrySet()) {
      byte[] theirs = targetValues.get(ByteBuffer.wrap(entry.getKey()));
      // A key missing on the target was counted as missing already.
      if (theirs != null && !Arrays.equals(entry.getValue(), theirs)) {
        differing.add(entry.getKey());
      }
    }
    return differing;
  }

  private static void pause() {
    try {
      Thread.sleep(RECHECK_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while re-checking differing values", e);
    }
  }

  private Map<ByteBuffer, byte[]> targetValues(List<byte[]> keys) {
    Map<ByteBuffer, byte[]> values = new HashMap<>();
    if (!skipSourceLoad) {
      target.getAll(new HashSet<>(keys)).forEach((k, v) -> values.put(ByteBuffer.wrap(k), v));
      return values;
    }
    List<CompletableFuture<byte[]>> reads = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      reads.add(target.withFlags(Flag.SKIP_CACHE_LOAD).getAsync(key));
    }
    for (int i = 0; i < keys.size(); i++) {
      byte[] value = reads.get(i).join();
      if (value != null) {
        values.put(ByteBuffer.wrap(keys.get(i)), value);
      }
    }
    return values;
  }

  private void example(String what) {
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(what);
    }
  }
}
