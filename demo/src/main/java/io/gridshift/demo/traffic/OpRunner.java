package io.gridshift.demo.traffic;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Runs one probe operation against the grid and records its sample.
 *
 * <ol>
 *   <li>A write claims the next free key, stores the key's next version and, when the grid
 *       acknowledges it, records that version as the key's acknowledged one.
 *   <li>A read picks a key with an acknowledged write, notes that version <em>before</em> asking
 *       the grid, and accepts the answer if it holds that version or a newer one issued since (a
 *       write in flight may already be visible). Older is {@code STALE_READ}, absent is {@code
 *       MISSING_KEY}, a value that is not the key's is {@code FOREIGN_VALUE}.
 *   <li>Latency runs from the operation's due time, so waiting for a worker counts as latency.
 * </ol>
 */
final class OpRunner {
  static final String STALE_READ = "STALE_READ";
  static final String MISSING_KEY = "MISSING_KEY";
  static final String FOREIGN_VALUE = "FOREIGN_VALUE";
  static final String PROBE_BACKLOG = "PROBE_BACKLOG";
  static final String NOT_RUN = "NOT_RUN";

  private final GridOps grid;
  private final KeyBook keys;
  private final SampleLog log;
  private final double writeRatio;

  OpRunner(GridOps grid, KeyBook keys, SampleLog log, double writeRatio) {
    this.grid = grid;
    this.keys = keys;
    this.log = log;
    this.writeRatio = writeRatio;
  }

  /** Operation {@code index} of the schedule, due at {@code dueNanos} / {@code dueEpochMs}. */
  void run(long index, long dueNanos, long dueEpochMs) {
    KeyBook.Key readKey = isWrite(index) ? null : keys.pickForRead();
    if (readKey == null) {
      write(dueNanos, dueEpochMs);
    } else {
      read(readKey, dueNanos, dueEpochMs);
    }
  }

  /** Whether operation {@code index} is a write (reads fall back to writes until keys exist). */
  boolean isWrite(long index) {
    // Bresenham over the index: exactly writeRatio writes in any long enough run, no randomness.
    return Math.floor((index + 1) * writeRatio) > Math.floor(index * writeRatio);
  }

  private void write(long dueNanos, long dueEpochMs) {
    KeyBook.Key key = keys.claimForWrite();
    if (key == null) {
      log.failed(
          dueEpochMs,
          micros(dueNanos),
          OpKind.WRITE,
          Outcome.ERROR,
          PROBE_BACKLOG,
          "every probe key has a write in flight: the grid is not acknowledging writes");
      return;
    }
    try {
      long version = key.issue();
      grid.put(key.name, KeyBook.value(key.name, version));
      key.ack(version);
      log.ok(dueEpochMs, micros(dueNanos), OpKind.WRITE);
    } catch (WritesPaused e) {
      // The application holds this write while its cache's writes are paused: it reads instead,
      // as reads go on. The version issued is never written, which a read tells apart.
      readInstead(dueNanos, dueEpochMs);
    } catch (Exception e) {
      log.failed(
          dueEpochMs, micros(dueNanos), OpKind.WRITE, Outcome.ERROR, kindOf(e), messageOf(e));
    } finally {
      key.release();
    }
  }

  private void readInstead(long dueNanos, long dueEpochMs) {
    KeyBook.Key other = keys.pickForRead();
    if (other != null) {
      read(other, dueNanos, dueEpochMs);
    }
  }

  private void read(KeyBook.Key key, long dueNanos, long dueEpochMs) {
    long acked = key.acked();
    String value;
    try {
      value = grid.get(key.name);
    } catch (Exception e) {
      log.failed(dueEpochMs, micros(dueNanos), OpKind.READ, Outcome.ERROR, kindOf(e), messageOf(e));
      return;
    }
    long latency = micros(dueNanos);
    long version = KeyBook.versionOf(key.name, value);
    if (value == null) {
      log.failed(
          dueEpochMs,
          latency,
          OpKind.READ,
          Outcome.MISSING,
          MISSING_KEY,
          "key " + key.name + " has no entry although version " + acked + " was acknowledged");
    } else if (version < 0 || version > key.issued()) {
      log.failed(
          dueEpochMs,
          latency,
          OpKind.READ,
          Outcome.STALE,
          FOREIGN_VALUE,
          "key " + key.name + " holds '" + value + "', which the probe never wrote to it");
    } else if (version < acked) {
      log.failed(
          dueEpochMs,
          latency,
          OpKind.READ,
          Outcome.STALE,
          STALE_READ,
          "key " + key.name + " read version " + version + ", acknowledged version " + acked);
    } else {
      log.ok(dueEpochMs, latency, OpKind.READ);
    }
  }

  private static long micros(long sinceNanos) {
    return Math.max(0, (System.nanoTime() - sinceNanos) / 1_000);
  }

  /** The failure that says most: wrappers from executors and futures are peeled off. */
  static Throwable rootOf(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static String kindOf(Throwable e) {
    return rootOf(e).getClass().getSimpleName();
  }

  static String messageOf(Throwable e) {
    Throwable t = rootOf(e);
    StringBuilder text =
        new StringBuilder(t.getClass().getName()).append(": ").append(t.getMessage());
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      text.append(" (caused by ").append(cause).append(')');
    }
    return text.toString();
  }
}
