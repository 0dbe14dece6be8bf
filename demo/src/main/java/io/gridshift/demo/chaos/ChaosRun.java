package io.gridshift.demo.chaos;

import io.gridshift.demo.chaos.ChaosOptions.RunPlan;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.TrafficOptions;
import io.gridshift.demo.traffic.TrafficProbe;
import io.gridshift.demo.traffic.TrafficRecord;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run in a lane: a grid of its own namespace created and loaded, the destructive-action
 * watch and the traffic probe started, the upgrade requested and followed while {@link ChaosFaults}
 * injects the scenario's faults, then every key and acknowledged write checked and the grid torn
 * down.
 */
final class ChaosRun {
  /** Longer than any run measured, with every fault: past it the run counts as a hang. */
  static final Duration HANG = Duration.ofMinutes(25);

  private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);

  private final ChaosLane lane;
  private final ChaosOptions options;

  ChaosRun(ChaosLane lane, ChaosOptions options) {
    this.lane = lane;
    this.options = options;
  }

  RunResult run(RunPlan plan) throws Exception {
    String namespace = "chaos-" + plan.index();
    ChaosGrid grid =
        plan.kind().equals("hazelcast")
            ? new HazelcastChaosGrid(lane.kube(), namespace)
            : new InfinispanChaosGrid(lane.kube(), namespace);
    LOG.info(
        "chaos run {}: {} {} seed {}",
        plan.index(),
        plan.kind(),
        plan.scenario().id(),
        plan.seed());
    try {
      grid.create();
      Map<String, Integer> loaded = grid.load(options.entries());
      try (CrashingImage crashing =
              plan.scenario() == Scenario.CRASH_LOOP
                  ? CrashingImage.add(lane.sandbox(), grid.targetImage())
                  : null;
          DestructiveActionWatch watch =
              DestructiveActionWatch.start(lane.kube(), List.of(namespace));
          GridOps ops = grid.trafficOps()) {
        TrafficProbe probe =
            TrafficProbe.start(
                ops,
                TrafficOptions.defaults()
                    .withRate(options.rate())
                    .withRunId("chaos" + plan.index()));
        ChaosDriver driver =
            new ChaosDriver(new UpgradeService(lane.client()), plan.scenario().expectsRollback());
        long started = System.nanoTime();
        driver.start(grid.request(grid.targetVersion()));
        ChaosFaults faults =
            new ChaosFaults(
                    plan.scenario(), lane, grid, driver, plan.seed(), options.apiFaultRate())
                .start();
        UpgradeStatus result = null;
        try {
          result = driver.follow(HANG);
        } catch (TimeoutException e) {
          LOG.error("chaos run {}: {}", plan.index(), e.getMessage());
        } finally {
          faults.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        TrafficRecord traffic = probe.stopAndVerify();
        long missing = result == null ? -1 : grid.missingKeys(result, loaded);
        return result(plan, grid, result, seconds, faults, traffic, missing, watch, driver);
      }
    } finally {
      grid.tearDown();
    }
  }

  private RunResult result(
      RunPlan plan,
      ChaosGrid grid,
      UpgradeStatus status,
      double seconds,
      ChaosFaults faults,
      TrafficRecord traffic,
      long missing,
      DestructiveActionWatch watch,
      ChaosDriver driver) {
    List<Fault> injected = faults.faults();
    List<String> duplicates = watch.duplicates();
    String outcome = outcome(plan.scenario(), status);
    boolean expectedOutcome =
        plan.scenario().expectsRollback()
            ? outcome.equals(RunResult.COMPENSATED)
            : outcome.equals(RunResult.COMPLETED);
    int workerKills = (int) injected.stream().filter(f -> f.type().equals("worker-kill")).count();
    int gridFaults =
        (int)
            injected.stream()
                .filter(f -> f.type().equals("member-kill") || f.type().equals("crash-loop"))
                .count();
    return new RunResult(
        plan.index(),
        plan.kind(),
        plan.scenario().id(),
        plan.seed(),
        injected,
        outcome,
        expectedOutcome && missing == 0 && traffic.lostWrites() == 0 && duplicates.isEmpty(),
        status == null ? null : status.phase().name(),
        status == null ? "no end within " + HANG.toMinutes() + " minutes" : status.message(),
        driver.workflowId(),
        Math.round(seconds * 10) / 10.0,
        plan.scenario() == Scenario.CRASH_LOOP ? detectionSeconds(status) : null,
        workerKills,
        faults.apiFaults(),
        gridFaults,
        missing,
        traffic.lostWrites(),
        traffic.errors(),
        duplicates.size(),
        duplicates,
        driver.questions(),
        traffic.ops());
  }

  /**
   * COMPLETED is completed; an expected rollback that ended FAILED or ABORTED is compensated as
   * designed (the key checks decide whether it lost anything); anything else failed.
   */
  static String outcome(Scenario scenario, UpgradeStatus status) {
    if (status == null) {
      return RunResult.HUNG;
    }
    if (status.phase() == Phase.COMPLETED) {
      return RunResult.COMPLETED;
    }
    if (scenario.expectsRollback()
        && (status.phase() == Phase.FAILED || status.phase() == Phase.ABORTED)) {
      return RunResult.COMPENSATED;
    }
    return RunResult.FAILED;
  }

  /** How long the step that failed ran: from its start to the failure that ended it. */
  static Double detectionSeconds(UpgradeStatus status) {
    if (status == null) {
      return null;
    }
    return status.steps().stream()
        .filter(s -> s.state() == StepState.FAILED)
        .filter(s -> s.startedAt() != null && s.endedAt() != null)
        .findFirst()
        .map(
            s ->
                Duration.between(Instant.parse(s.startedAt()), Instant.parse(s.endedAt()))
                        .toMillis()
                    / 1000.0)
        .orElse(null);
  }
}
