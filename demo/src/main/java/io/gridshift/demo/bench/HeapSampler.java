package io.gridshift.demo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples this JVM's used heap every {@value #PERIOD_MS} ms on a daemon thread and keeps the
 * highest value: the heap a worker needed at its peak, garbage not yet collected included (so an
 * upper bound of what it must be given).
 */
final class HeapSampler implements AutoCloseable {
  private static final long PERIOD_MS = 100;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile long peakBytes;
  private volatile boolean running = true;

  HeapSampler() {
    thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The highest used heap seen so far, in MiB. */
  long peakMb() {
    record();
    return peakBytes / (1024 * 1024);
  }

  /** The heap this JVM may grow to ({@code -Xmx}), in MiB. */
  long maxMb() {
    return memory.getHeapMemoryUsage().getMax() / (1024 * 1024);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  private void sample() {
    while (running) {
      record();
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void record() {
    long used = memory.getHeapMemoryUsage().getUsed();
    if (used > peakBytes) {
      peakBytes = used;
    }
  }
}
