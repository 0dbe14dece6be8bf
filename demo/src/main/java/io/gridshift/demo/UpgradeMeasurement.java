package io.gridshift.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.measure.Overhead;
import io.gridshift.demo.measure.WorldRecorder;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.OpSample;
import io.gridshift.demo.traffic.StepWindow;
import io.gridshift.demo.traffic.TrafficOptions;
import io.gridshift.demo.traffic.TrafficProbe;
import io.gridshift.demo.traffic.TrafficRecord;
import io.gridshift.demo.traffic.TrafficSummary;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the demo measures around an upgrade: client traffic through the grid's Service from before
 * the upgrade starts (the baseline) until after it ends, and the world's own waits, for the
 * report's {@code traffic} and {@code overhead} sections.
 */
final class UpgradeMeasurement implements AutoCloseable {
  private final GridOps grid;
  private final TrafficProbe probe;
  private final WorldRecorder recorder;

  private UpgradeMeasurement(GridOps grid, TrafficProbe probe, WorldRecorder recorder) {
    this.grid = grid;
    this.probe = probe;
    this.recorder = recorder;
  }

  /**
   * Starts the world recorder and, when {@code options.rate() > 0}, the traffic probe against
   * {@code grid}; waits the baseline before returning so the upgrade starts after it.
   *
   * @param settled false while the grid rebalances, or null when the grid does not say
   */
  static UpgradeMeasurement start(
      DemoOptions options,
      KubernetesClient kube,
      String namespace,
      BooleanSupplier settled,
      java.util.function.Supplier<GridOps> grid,
      PrintStream out)
      throws InterruptedException {
    WorldRecorder recorder = new WorldRecorder(kube, namespace, settled);
    if (options.rate() == 0) {
      return new UpgradeMeasurement(null, null, recorder);
    }
    GridOps ops = grid.get();
    TrafficProbe probe =
        TrafficProbe.start(ops, TrafficOptions.defaults().withRate(options.rate()));
    out.printf(
        "Traffic probe: %d ops/s (half reads, half writes) through %s; baseline for %d s ...%n",
        options.rate(), ops.describe(), options.baselineSeconds());
    Thread.sleep(options.baselineSeconds() * 1000L);
    out.printf("  baseline: %d ops, %d errors%n", probe.ops(), probe.errors());
    return new UpgradeMeasurement(ops, probe, recorder);
  }

  /** Stops the probe, re-reads every acknowledged write, and splits the upgrade's time. */
  Result finish(UpgradeStatus status) throws InterruptedException {
    recorder.close();
    Overhead overhead = Overhead.compute(status, recorder.pods(), recorder.unsettled());
    if (probe == null) {
      return new Result(null, overhead, List.of());
    }
    TrafficRecord record = probe.verify();
    List<StepWindow> steps =
        status.steps().stream()
            .filter(s -> s.startedAt() != null)
            .map(s -> new StepWindow(s.name(), instant(s.startedAt()), instant(s.endedAt())))
            .toList();
    TrafficSummary traffic =
        TrafficSummary.summarize(record, upgradeStart(status), upgradeEnd(status), steps);
    return new Result(traffic, overhead, record.samples());
  }

  static Instant upgradeStart(UpgradeStatus status) {
    return status.steps().stream()
        .map(StepStatus::startedAt)
        .filter(s -> s != null)
        .map(Instant::parse)
        .min(Instant::compareTo)
        .orElse(Instant.now());
  }

  static Instant upgradeEnd(UpgradeStatus status) {
    return status.steps().stream()
        .map(s -> s.endedAt() != null ? s.endedAt() : s.startedAt())
        .filter(s -> s != null)
        .map(Instant::parse)
        .max(Instant::compareTo)
        .orElse(Instant.now());
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }

  @Override
  public void close() throws Exception {
    recorder.close();
    if (probe != null) {
      probe.close();
    }
    if (grid != null) {
      grid.close();
    }
  }

  /**
   * @param traffic the probe's verdict, null when the probe was off
   * @param overhead the split of the upgrade's wall time
   * @param samples every client operation, for the timeline
   */
  record Result(TrafficSummary traffic, Overhead overhead, List<OpSample> samples) {}
}
