package io.gridshift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark driver end to end at a small size: 40 grids over 4 simulated clusters, floor and
 * fleet, on the sandbox's Temporal (ephemeral port, real time) with the worker in-process. Asserts
 * what must hold at any size (every grid upgraded, bounded histories, the children making a real
 * upgrade's calls), never timings: those are the benchmark's to report.
 */
class FleetScaleIT {
  @TempDir Path dir;

  @Test
  void fortyGridsOverFourClustersAllUpgradeWithinTheHistoryBounds() throws Exception {
    FleetScaleOptions options =
        FleetScaleOptions.parse(
            "--grids",
            "40",
            "--clusters",
            "4",
            "--window",
            "10",
            "--worker",
            "in-process",
            "--results",
            "-");

    FleetScaleResult r = FleetScaleBenchmark.run(options, dir);

    assertThat(r.floorSucceeded()).isEqualTo(40);
    assertThat(r.succeeded()).as("grids the fleet upgraded").isEqualTo(40);
    assertThat(r.failed()).isZero();
    assertThat(r.fleetRuns())
        .as("continue-as-new at the stage boundary (canary, rest)")
        .isGreaterThanOrEqualTo(2);
    assertThat(r.maxFleetHistoryEvents()).isPositive().isLessThanOrEqualTo(5_000);
    assertThat(r.maxChildHistoryEvents()).isPositive().isLessThanOrEqualTo(500);
    assertThat(r.maxPendingChildren()).isPositive().isLessThanOrEqualTo(500);
    assertThat(r.floorMaxPendingChildren()).as("the floor's window").isBetween(1, 10);
    // Per upgrade: its steps' calls (24 and 15: Infinispan's include reading the target's server
    // version after deploy-target) and one Kubernetes Event per step start and end and per gate
    // opened and decided (25 and 12).
    assertThat(r.activityCalls()).containsEntry("infinispan", 49).containsEntry("hazelcast", 27);
    assertThat(r.eligibleToStartMs().count()).as("a start time for every grid").isEqualTo(40);
    assertThat(r.ratio()).isPositive();
  }
}
