package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one reconcile pass every {@code interval} on its own daemon thread until closed. A failed
 * pass is logged (a repeated failure once, until it changes) and the next pass tries again, as a
 * controller's work queue would.
 */
final class ReconcileLoop implements AutoCloseable {
  /** One pass over everything the loop owns. */
  @FunctionalInterface
  interface Pass {
    /** Reads the world once and acts on it; throwing only skips to the next pass. */
    void run() throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

  private final String name;
  private final Duration interval;
  private final Pass pass;
  private final Thread thread;
  private volatile boolean running = true;
  private String lastError;

  ReconcileLoop(String name, Duration interval, Pass pass) {
    this.name = name;
    this.interval = interval;
    this.pass = pass;
    this.thread = new Thread(this::loop, "sandbox-" + name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        pass.run();
        lastError = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        report(e);
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void report(Exception e) {
    if (!running) {
      return;
    }
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    boolean conflict = e instanceof KubernetesClientException k && k.getCode() == 409;
    if (conflict || Objects.equals(message, lastError)) {
      log.debug("{}: pass failed, retrying: {}", name, message);
    } else {
      log.warn("{}: pass failed, retrying every {} ms: {}", name, interval.toMillis(), message, e);
    }
    lastError = message;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
