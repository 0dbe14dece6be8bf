package io.gridshift.demo.traffic;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that runs a fixed rate of reads and writes against a grid through an upgrade and records
 * every operation, then checks that no acknowledged write was lost.
 *
 * <ol>
 *   <li>A scheduler thread releases operation {@code i} at {@code start + i / rate}: an absolute
 *       schedule, so slow operations do not lower the rate.
 *   <li>A bounded pool of workers runs them ({@link OpRunner}): one slow operation does not stall
 *       the schedule, and a dead grid does not pile up threads. Operations that find the backlog
 *       full fail as {@code PROBE_BACKLOG}: the grid has not answered for seconds.
 *   <li>{@link #stop()} ends the schedule, waits for operations in flight, and returns the record;
 *       operations still queued then fail as {@code NOT_RUN}.
 *   <li>{@link #verify()} reads back every key whose write was acknowledged ({@link Verifier}).
 * </ol>
 *
 * The probe does not close the {@link GridOps}: its caller owns it.
 */
public final class TrafficProbe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficProbe.class);
  private static final AtomicInteger PROBES = new AtomicInteger();

  private final GridOps grid;
  private final TrafficOptions options;
  private final KeyBook keys;
  private final SampleLog log;
  private final OpRunner runner;
  private final ThreadPoolExecutor workers;
  private final Thread scheduler;
  private final long startedAtMs;
  private volatile boolean running = true;
  private TrafficRecord stopped;
  private TrafficRecord verified;

  private TrafficProbe(GridOps grid, TrafficOptions options) {
    this.grid = grid;
    this.options = options;
    this.keys = new KeyBook(options.runId(), options.keys());
    this.log = new SampleLog(options.runId());
    this.runner = new OpRunner(grid, keys, log, options.writeRatio());
    // The run id in thread names tells the probes of one JVM apart in logs and thread dumps.
    String threads = "traffic-probe-" + options.runId() + "-" + PROBES.incrementAndGet();
    this.workers =
        new ThreadPoolExecutor(
            options.workers(),
            options.workers(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(options.maxBacklog()),
            daemons(threads + "-worker-"));
    this.scheduler = daemons(threads + "-scheduler").newThread(this::schedule);
    this.startedAtMs = System.currentTimeMillis();
  }

  /** Starts {@code options.opsPerSecond()} operations per second against {@code grid}. */
  public static TrafficProbe start(GridOps grid, TrafficOptions options) {
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(options, "options");
    TrafficProbe probe = new TrafficProbe(grid, options);
    LOG.info(
        "traffic probe {} started: {} ops/s ({}% writes) over {} keys against {}",
        options.runId(),
        options.opsPerSecond(),
        Math.round(options.writeRatio() * 100),
        options.keys(),
        grid.describe());
    probe.scheduler.start();
    return probe;
  }

  private void schedule() {
    long t0 = System.nanoTime();
    for (long i = 0; running; i++) {
      // From the index, not by adding a rounded period: no drift at any rate.
      long due = t0 + i * 1_000_000_000L / options.opsPerSecond();
      long wait;
      while (running && (wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!running) {
        return;
      }
      long dueEpochMs = startedAtMs + (due - t0) / 1_000_000;
      long index = i;
      try {
        workers.execute(() -> runner.run(index, due, dueEpochMs));
      } catch (RejectedExecutionException e) {
        log.failed(
            dueEpochMs,
            -1,
            runner.isWrite(index) ? OpKind.WRITE : OpKind.READ,
            Outcome.ERROR,
            OpRunner.PROBE_BACKLOG,
            options.maxBacklog()
                + " operations are waiting for "
                + options.workers()
                + " busy workers: the grid has not answered for a while");
      }
    }
  }

  /** Operations recorded so far (for progress output). */
  public long ops() {
    return log.ops();
  }

  /** Errors recorded so far (for progress output). */
  public long errors() {
    return log.errors();
  }

  /**
   * Stops the load: no new operations, waits up to {@code options.stopTimeout()} for those in
   * flight. Idempotent.
   */
  public synchronized TrafficRecord stop() throws InterruptedException {
    if (stopped != null) {
      return stopped;
    }
    running = false;
    LockSupport.unpark(scheduler);
    scheduler.join();
    long stoppedAtMs = System.currentTimeMillis();
    drainWorkers(stoppedAtMs);
    stopped =
        TrafficRecord.of(
            grid.describe(),
            options.runId(),
            options.opsPerSecond(),
            startedAtMs,
            stoppedAtMs,
            log.samples(),
            log.groups());
    LOG.info(
        "traffic probe {} stopped: {} ops in {} ms, {} errors",
        options.runId(),
        stopped.ops(),
        stoppedAtMs - startedAtMs,
        stopped.errors());
    return stopped;
  }

  /** Lets operations in flight finish; fails those still queued after the stop timeout. */
  private void drainWorkers(long stoppedAtMs) throws InterruptedException {
    workers.shutdown();
    if (!workers.awaitTermination(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      List<Runnable> queued = workers.shutdownNow();
      LOG.warn(
          "traffic probe {}: the grid did not finish its operations within {}: {} queued ones"
              + " count as errors, {} running ones are interrupted",
          options.runId(),
          options.stopTimeout(),
          queued.size(),
          workers.getActiveCount());
      for (int i = 0; i < queued.size(); i++) {
        log.failed(
            stoppedAtMs,
            -1,
            OpKind.READ,
            Outcome.ERROR,
            OpRunner.NOT_RUN,
            "the probe stopped before a worker was free to run the operation");
      }
    }
  }

  /**
   * Stops the load if it still runs, then reads back every key whose write was acknowledged and
   * returns the record with the {@link Verification}. Idempotent.
   */
  public synchronized TrafficRecord verify() throws InterruptedException {
    if (verified == null) {
      TrafficRecord record = stop();
      verified = record.withVerification(new Verifier(grid, options).verify(keys.acknowledged()));
    }
    return verified;
  }

  /** {@link #stop()} then {@link #verify()}. */
  public TrafficRecord stopAndVerify() throws InterruptedException {
    return verify();
  }

  /** Stops the load if it still runs; does not verify and does not close the grid client. */
  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread thread =
          new Thread(task, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
      thread.setDaemon(true);
      return thread;
    };
  }
}
