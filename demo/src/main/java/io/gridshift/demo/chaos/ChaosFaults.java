package io.gridshift.demo.chaos;

import io.gridshift.workflows.common.UpgradeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects one run's faults while its upgrade runs, on a thread of its own, at moments drawn from
 * the run's seed, and records each ({@link Fault}). {@link #stop()} ends the injection and leaves
 * the world whole: the worker running, the API proxy passing everything.
 */
final class ChaosFaults implements AutoCloseable {
  static final Duration OUTAGE = Duration.ofSeconds(30);
  static final int MAX_RESTART_DELAY_SECONDS = 20;
  private static final Logger LOG = LoggerFactory.getLogger(ChaosFaults.class);

  private final Scenario scenario;
  private final ChaosLane lane;
  private final ChaosGrid grid;
  private final ChaosDriver driver;
  private final Random random;
  private final double apiFaultRate;
  private final long startedNanos = System.nanoTime();
  private final List<Fault> faults = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private FaultCounts apiBefore;

  ChaosFaults(
      Scenario scenario,
      ChaosLane lane,
      ChaosGrid grid,
      ChaosDriver driver,
      long seed,
      double apiFaultRate) {
    this.scenario = scenario;
    this.lane = lane;
    this.grid = grid;
    this.driver = driver;
    this.random = new Random(seed);
    this.apiFaultRate = apiFaultRate;
    this.thread = new Thread(this::inject, "chaos-faults");
    this.thread.setDaemon(true);
  }

  /** Starts injecting; call once the upgrade was started. */
  ChaosFaults start() {
    if (scenario == Scenario.API_FAULTS) {
      apiBefore = lane.kubeProxy().counts();
      lane.kubeProxy().setRate(apiFaultRate);
    }
    if (scenario == Scenario.CRASH_LOOP) {
      record("crash-loop", grid.targetImage() + " exits at start (the sandbox's crash fixture)");
    }
    thread.start();
    return this;
  }

  private void inject() {
    try {
      switch (scenario) {
        case WORKER_KILLS -> killWorker(2 + random.nextInt(2));
        case TEMPORAL_OUTAGE -> temporalOutage();
        case MEMBER_KILL -> killMember();
        case API_FAULTS, CRASH_LOOP -> {
          // API faults run at the proxy's rate; the crash loop is in the target version itself
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("chaos: injecting {} failed: {}", scenario.id(), e.toString());
      record("injector-error", e.toString());
    }
  }

  /**
   * {@code kills} SIGKILLs, each after 2-12 s of the worker at work (so several land inside one
   * upgrade, at any step), each restart 0-20 s later.
   */
  private void killWorker(int kills) throws Exception {
    for (int i = 0; i < kills && running.get(); i++) {
      if (!sleepWhileRunning(Duration.ofMillis(2000 + random.nextInt(10_000)))) {
        return;
      }
      int restartAfter = random.nextInt(MAX_RESTART_DELAY_SECONDS * 1000 + 1);
      lane.worker().kill();
      record("worker-kill", "SIGKILL, restart after " + restartAfter + " ms");
      Thread.sleep(restartAfter); // the restart happens even when the upgrade ended meanwhile
      lane.worker().start();
    }
  }

  private void temporalOutage() throws InterruptedException {
    if (sleepWhileRunning(Duration.ofMillis(5000 + random.nextInt(30_000)))) {
      lane.temporalProxy().outage(OUTAGE);
      record(
          "temporal-outage",
          "every connection of the worker dropped for " + OUTAGE.toSeconds() + " s");
    }
  }

  /** Waits for the grid's moment ({@link ChaosGrid#memberToKill}), then SIGKILLs that member. */
  private void killMember() throws InterruptedException {
    while (running.get()) {
      Optional<String> pod = grid.memberToKill(driver.latest());
      if (pod.isPresent()) {
        Thread.sleep(random.nextInt(3000));
        Optional<Long> pid = ChaosPods.killProcess(lane.kube(), grid.namespace(), pod.get());
        record(
            "member-kill",
            pod.get() + pid.map(p -> " (pid " + p + ") SIGKILL").orElse(": no process found"));
        return;
      }
      Thread.sleep(250);
    }
  }

  private boolean sleepWhileRunning(Duration d) throws InterruptedException {
    long until = System.nanoTime() + d.toNanos();
    while (running.get() && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    return running.get();
  }

  private synchronized void record(String type, String detail) {
    UpgradeStatus status = driver.latest();
    double at = (System.nanoTime() - startedNanos) / 1e9;
    Fault fault =
        new Fault(
            type, Math.round(at * 10) / 10.0, status == null ? null : status.currentStep(), detail);
    faults.add(fault);
    LOG.info("chaos fault: {}", fault);
  }

  /**
   * Stops injecting (waits for a worker restart under way) and restores the world: API faults off,
   * the worker running.
   */
  void stop() throws Exception {
    if (!running.getAndSet(false)) {
      return;
    }
    thread.join(Duration.ofSeconds(MAX_RESTART_DELAY_SECONDS + 100).toMillis());
    if (scenario == Scenario.API_FAULTS) {
      lane.kubeProxy().setRate(0);
      FaultCounts after = lane.kubeProxy().counts();
      record(
          "api-faults",
          String.format(
              "%d faults: %d HTTP 500, %d 409, %d 429, %d resets (%d after forwarding), %d stalls",
              after.total() - apiBefore.total(),
              after.http500() - apiBefore.http500(),
              after.conflict409() - apiBefore.conflict409(),
              after.throttle429() - apiBefore.throttle429(),
              after.reset() - apiBefore.reset(),
              after.resetAfterForward() - apiBefore.resetAfterForward(),
              after.stall() - apiBefore.stall()));
    }
    if (!lane.worker().isAlive()) {
      lane.worker().start();
    }
  }

  /** The API faults injected (0 unless an api-fault run). */
  long apiFaults() {
    return scenario == Scenario.API_FAULTS && apiBefore != null
        ? lane.kubeProxy().counts().total() - apiBefore.total()
        : 0;
  }

  synchronized List<Fault> faults() {
    return List.copyOf(faults);
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
