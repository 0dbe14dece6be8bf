package io.gridshift.activities.hazelcast;

import com.hazelcast.core.EntryEventType;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.journal.InternalEventJournalMapEvent;
import io.gridshift.activities.hazelcast.RawMaps.JournalPage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves maps from a source cluster to a target, partition by partition, as stored (binary):
 *
 * <ol>
 *   <li>{@link #marks}: the end of each partition's event journal, read before the copy, so that
 *       following from it replays every write made during the copy;
 *   <li>{@link #copy}: every partition's entries put to the same partition of the target, a few
 *       partitions at once;
 *   <li>{@link #follow}: each partition's journal events applied in order (set or delete); a
 *       journal that overwrote events not yet read shows by its first sequence being past the one
 *       asked for (Hazelcast says nothing else), and that partition is {@linkplain #resync copied
 *       again} from a fresh mark, its extra target keys deleted;
 *   <li>{@link #compare}: each partition's entries hashed on both sides.
 * </ol>
 *
 * Every write is an idempotent set or delete of the source's own bytes, so repeating any step after
 * a failure converges.
 */
final class MapMover implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MapMover.class);

  /** Journal events read per call. */
  static final int JOURNAL_PAGE = 1000;

  private final RawMaps source;
  private final RawMaps target;
  private final ExecutorService pool;
  private final int partitions;

  /**
   * @param threads partitions copied or compared at once
   */
  MapMover(RawMaps source, RawMaps target, int threads) {
    this.source = source;
    this.target = target;
    this.partitions = source.partitionCount();
    if (target.partitionCount() != partitions) {
      throw new IllegalArgumentException(
          "the source has %d partitions and the target %d: set hazelcast.partition.count on the"
                  .formatted(partitions, target.partitionCount())
              + " target to the source's, or keys land in other partitions");
    }
    this.pool = Executors.newFixedThreadPool(threads);
  }

  int partitions() {
    return partitions;
  }

  /** The next journal sequence of every partition of {@code map}. */
  List<Long> marks(String map) {
    List<Long> next = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      next.add(source.journalBounds(map, p)[1] + 1);
    }
    return next;
  }

  /**
   * Copies the partitions of {@code map} from {@code firstPartition} on; {@code done} hears the
   * lowest partition below which every one is copied (a resume point) after each partition.
   *
   * @return entries copied
   */
  long copy(String map, int firstPartition, IntConsumer done) {
    AtomicLong copied = new AtomicLong();
    BitSet finished = new BitSet(partitions);
    finished.set(0, firstPartition);
    List<Future<?>> tasks = new ArrayList<>();
    for (int p = firstPartition; p < partitions; p++) {
      int partition = p;
      tasks.add(
          pool.submit(
              () -> {
                source.forEachPage(
                    map,
                    partition,
                    page -> {
                      target.putAll(map, partition, page);
                      copied.addAndGet(page.size());
                    });
                synchronized (finished) {
                  finished.set(partition);
                  done.accept(finished.nextClearBit(0));
                }
              }));
    }
    awaitAll(tasks);
    return copied.get();
  }

  /** What one follow of a map's journal did. */
  record Followed(List<Long> next, long applied, long lag, List<Integer> resynced) {}

  /**
   * Applies journal events of {@code map} from {@code from}, every partition read to its end, a few
   * partitions at once (each in its own order); with {@code drain} (writes are paused) again until
   * no partition has anything left, else the lag left is counted.
   */
  Followed follow(String map, List<Long> from, boolean drain, IntConsumer partitionDone) {
    long[] next = from.stream().mapToLong(Long::longValue).toArray();
    AtomicLong applied = new AtomicLong();
    List<Integer> resynced = new ArrayList<>();
    List<Future<?>> tasks = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      int partition = p;
      tasks.add(
          pool.submit(
              () -> {
                long seq = next[partition];
                while (true) {
                  JournalPage page = source.readJournal(map, partition, seq, JOURNAL_PAGE);
                  if (page.firstSequence() > seq) {
                    LOG.warn(
                        "map {} partition {}: journal overwrote events {}..{} before they were"
                            + " read; copying the partition again",
                        map,
                        partition,
                        seq,
                        page.firstSequence() - 1);
                    seq = resync(map, partition);
                    synchronized (resynced) {
                      resynced.add(partition);
                    }
                    continue;
                  }
                  applied.addAndGet(apply(map, page.events()));
                  seq = page.next();
                  if (page.events().size() < JOURNAL_PAGE) {
                    break;
                  }
                }
                synchronized (next) {
                  next[partition] = seq;
                }
                partitionDone.accept(partition);
              }));
    }
    awaitAll(tasks);
    List<Long> marks;
    synchronized (next) {
      marks = java.util.Arrays.stream(next).boxed().toList();
    }
    long lag = lag(map, marks);
    if (drain && lag > 0) {
      Followed more = follow(map, marks, true, partitionDone);
      return new Followed(
          more.next(),
          applied.get() + more.applied(),
          more.lag(),
          concat(resynced, more.resynced()));
    }
    return new Followed(marks, applied.get(), lag, resynced.stream().sorted().toList());
  }

  /** Events written on the source after {@code next}, over every partition. */
  long lag(String map, List<Long> next) {
    AtomicLong lag = new AtomicLong();
    List<Future<?>> tasks = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      int partition = p;
      tasks.add(
          pool.submit(
              () -> {
                long end = source.journalBounds(map, partition)[1] + 1;
                lag.addAndGet(Math.max(0, end - next.get(partition)));
              }));
    }
    awaitAll(tasks);
    return lag.get();
  }

  /**
   * Copies one partition again from a fresh journal mark and deletes the target's keys the source
   * no longer has; following resumes at the returned mark.
   */
  long resync(String map, int partition) {
    long mark = source.journalBounds(map, partition)[1] + 1;
    List<Map.Entry<Data, Data>> entries = source.entries(map, partition);
    Set<Data> keys = new HashSet<>();
    for (int i = 0; i < entries.size(); i += RawMaps.PAGE) {
      List<Map.Entry<Data, Data>> page =
          entries.subList(i, Math.min(entries.size(), i + RawMaps.PAGE));
      target.putAll(map, partition, page);
      page.forEach(e -> keys.add(e.getKey()));
    }
    for (Map.Entry<Data, Data> e : target.entries(map, partition)) {
      if (!keys.contains(e.getKey())) {
        target.delete(map, e.getKey());
      }
    }
    return mark;
  }

  private long apply(String map, List<InternalEventJournalMapEvent> events) {
    for (InternalEventJournalMapEvent e : events) {
      EntryEventType type = EntryEventType.getByType(e.getEventType());
      switch (type) {
        case REMOVED, EVICTED, EXPIRED -> target.delete(map, e.getDataKey());
        case ADDED, UPDATED, MERGED, LOADED -> target.set(map, e.getDataKey(), e.getDataNewValue());
        default ->
            throw new IllegalStateException(
                "map %s: journal event %s has no single key to apply; a map clear or evict-all on the source during the upgrade is not supported"
                    .formatted(map, type));
      }
    }
    return events.size();
  }

  /** Entries per side and the partitions whose hashes differ. */
  record Compared(long sourceEntries, long targetEntries, List<Integer> differing) {}

  /** Every partition of {@code map} compared. */
  Compared compare(String map) {
    return compare(map, java.util.stream.IntStream.range(0, partitions).boxed().toList());
  }

  /** The given partitions of {@code map} compared; counts are of those partitions. */
  Compared compare(String map, List<Integer> which) {
    AtomicLong sourceEntries = new AtomicLong();
    AtomicLong targetEntries = new AtomicLong();
    List<Integer> differing = new ArrayList<>();
    List<Future<?>> tasks = new ArrayList<>();
    for (int partition : which) {
      tasks.add(
          pool.submit(
              () -> {
                PartitionHash s = PartitionHash.of(source.entries(map, partition));
                PartitionHash t = PartitionHash.of(target.entries(map, partition));
                sourceEntries.addAndGet(s.entries());
                targetEntries.addAndGet(t.entries());
                if (!s.equals(t)) {
                  synchronized (differing) {
                    differing.add(partition);
                  }
                }
              }));
    }
    awaitAll(tasks);
    return new Compared(
        sourceEntries.get(), targetEntries.get(), differing.stream().sorted().toList());
  }

  /** Entries of {@code map} on the source and the target. */
  long[] sizes(String map) {
    return new long[] {source.size(map), target.size(map)};
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void awaitAll(List<Future<?>> tasks) {
    try {
      for (Future<?> task : tasks) {
        task.get();
      }
    } catch (InterruptedException e) {
      tasks.forEach(t -> t.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      tasks.forEach(t -> t.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
