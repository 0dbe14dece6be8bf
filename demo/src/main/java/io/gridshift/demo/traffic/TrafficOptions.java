package io.gridshift.demo.traffic;

import java.time.Duration;
import java.util.UUID;

/**
 * How the traffic probe runs. Build from {@link #defaults()} and the {@code with...} methods.
 *
 * @param opsPerSecond operations per second, held by an absolute schedule (default 200)
 * @param writeRatio share of writes in {@code (0, 1]}; the rest are reads (default 0.5)
 * @param keys size of the probe's key space; writes cycle through it (default 1000)
 * @param workers threads running operations, so one slow operation does not stall the schedule
 *     (default 16)
 * @param maxBacklog operations waiting for a worker before new ones are failed as {@code
 *     PROBE_BACKLOG}; 0 means five seconds' worth at the rate
 * @param stopTimeout how long {@code stop()} waits for operations in flight (default 15 s)
 * @param verifyAttempts reads per key at verification before it counts as unreadable (default 5)
 * @param verifyBackoff pause between those reads (default 500 ms)
 * @param verifyTimeout the whole verification's budget; keys not checked in time count as
 *     unreadable (default 120 s)
 * @param runId names the key space {@code probe-<runId>-<n>}; {@code null} means a random one
 */
public record TrafficOptions(
    int opsPerSecond,
    double writeRatio,
    int keys,
    int workers,
    int maxBacklog,
    Duration stopTimeout,
    int verifyAttempts,
    Duration verifyBackoff,
    Duration verifyTimeout,
    String runId) {

  public static final int DEFAULT_RATE = 200;

  public TrafficOptions {
    if (opsPerSecond < 1 || opsPerSecond > 100_000) {
      throw new IllegalArgumentException(
          "traffic rate " + opsPerSecond + " ops/s is out of range: use 1..100000");
    }
    if (!(writeRatio > 0 && writeRatio <= 1)) {
      throw new IllegalArgumentException(
          "write ratio " + writeRatio + " is out of range: use (0, 1] (reads need written keys)");
    }
    if (keys < 1 || workers < 1 || verifyAttempts < 1 || maxBacklog < 0) {
      throw new IllegalArgumentException(
          "keys, workers and verifyAttempts must be at least 1 and maxBacklog at least 0: "
              + "keys="
              + keys
              + " workers="
              + workers
              + " verifyAttempts="
              + verifyAttempts
              + " maxBacklog="
              + maxBacklog);
    }
    maxBacklog = maxBacklog == 0 ? opsPerSecond * 5 : maxBacklog;
    stopTimeout = stopTimeout == null ? Duration.ofSeconds(15) : stopTimeout;
    verifyBackoff = verifyBackoff == null ? Duration.ofMillis(500) : verifyBackoff;
    verifyTimeout = verifyTimeout == null ? Duration.ofSeconds(120) : verifyTimeout;
    runId = runId == null || runId.isBlank() ? UUID.randomUUID().toString().substring(0, 8) : runId;
  }

  /** 200 ops/s, half writes, 1000 keys, 16 workers, a random run id. */
  public static TrafficOptions defaults() {
    return new TrafficOptions(DEFAULT_RATE, 0.5, 1000, 16, 0, null, 5, null, null, null);
  }

  /** These options at {@code opsPerSecond} (the backlog follows the rate unless set). */
  public TrafficOptions withRate(int opsPerSecond) {
    int backlog = maxBacklog == this.opsPerSecond * 5 ? 0 : maxBacklog;
    return new TrafficOptions(
        opsPerSecond,
        writeRatio,
        keys,
        workers,
        backlog,
        stopTimeout,
        verifyAttempts,
        verifyBackoff,
        verifyTimeout,
        runId);
  }

  /** These options with {@code writeRatio} writes. */
  public TrafficOptions withWriteRatio(double writeRatio) {
    return new TrafficOptions(
        opsPerSecond,
        writeRatio,
        keys,
        workers,
        maxBacklog,
        stopTimeout,
        verifyAttempts,
        verifyBackoff,
        verifyTimeout,
        runId);
  }

  /** These options with a key space of {@code keys} keys. */
  public TrafficOptions withKeys(int keys) {
    return new TrafficOptions(
        opsPerSecond,
        writeRatio,
        keys,
        workers,
        maxBacklog,
        stopTimeout,
        verifyAttempts,
        verifyBackoff,
        verifyTimeout,
        runId);
  }

  /** These options with the key space named after {@code runId}. */
  public TrafficOptions withRunId(String runId) {
    return new TrafficOptions(
        opsPerSecond,
        writeRatio,
        keys,
        workers,
        maxBacklog,
        stopTimeout,
        verifyAttempts,
        verifyBackoff,
        verifyTimeout,
        runId);
  }

  /**
   * These options with verification reads retried {@code attempts} times, {@code backoff} apart.
   */
  public TrafficOptions withVerifyRetries(int attempts, Duration backoff) {
    return new TrafficOptions(
        opsPerSecond,
        writeRatio,
        keys,
        workers,
        maxBacklog,
        stopTimeout,
        attempts,
        backoff,
        verifyTimeout,
        runId);
  }
}
