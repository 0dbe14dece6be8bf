package io.gridshift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's command line, its percentiles and its verdicts. Pure. */
class FleetScaleOptionsTest {

  @Test
  void defaultsAreTheIssuesFigures() {
    FleetScaleOptions o = FleetScaleOptions.parse();
    assertThat(o.grids()).isEqualTo(1000);
    assertThat(o.clusters()).isEqualTo(50);
    assertThat(o.window()).isEqualTo(100);
    assertThat(o.separateWorker()).isTrue();
    assertThat(o.workerHeap()).isEqualTo("512m");
    assertThat(o.results()).isEqualTo(Path.of("bench/FLEET-SCALE.md"));
    assertThat(o.runFloor()).isTrue();
    assertThat(o.runFleet()).isTrue();
    assertThat(o.fleet().gridsOf("c01", SimulatedFleet.FLEET_NAMESPACE)).hasSize(20);
  }

  @Test
  void badArgumentsSayWhatToDo() {
    assertThatThrownBy(() -> FleetScaleOptions.parse("--grids", "3", "--clusters", "4"))
        .hasMessageContaining("--grids 3 must be at least --clusters 4");
    assertThatThrownBy(() -> FleetScaleOptions.parse("--worker", "thread"))
        .hasMessageContaining("process or in-process");
    assertThatThrownBy(() -> FleetScaleOptions.parse("--grids"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> FleetScaleOptions.parse("--speed", "1"))
        .hasMessageContaining("unknown argument --speed");
  }

  @Test
  void percentilesAreNearestRank() {
    List<Long> values = new java.util.ArrayList<>();
    for (long i = 1; i <= 200; i++) {
      values.add(i);
    }
    FleetScaleResult.Percentiles p = FleetScaleResult.Percentiles.of(values);
    assertThat(p.p50()).isEqualTo(100);
    assertThat(p.p99()).isEqualTo(198);
    assertThat(p.max()).isEqualTo(200);
    assertThat(FleetScaleResult.Percentiles.of(List.of())).isNull();
  }

  @Test
  void theResultsMarkEachFigureMetOrMissed() {
    FleetScaleResult r =
        new FleetScaleResult(
            1000,
            50,
            400.0,
            200.0,
            2.0,
            1000,
            0,
            1000,
            3,
            6000,
            4000.0,
            5000,
            160,
            130.0,
            100,
            100,
            300L,
            512L,
            true,
            new FleetScaleResult.Percentiles(100, 900, 1200, 1000),
            null,
            null,
            "1.0 before, 2.0 after",
            null,
            "machine",
            "settings");
    String md = FleetScaleMarkdown.render(r, "bench/fleet-scale", "## Notes\nwhy");
    assertThat(md)
        .contains("| fleet wall time | <= 300 s | 400.0 s | **missed** |")
        .contains("| fleet / floor | <= 1.3x | 2.00x | **missed** |")
        .contains(
            "| fleet history, largest run | <= 5,000 events | 6000 (3 runs, mean 4000) |"
                + " **missed** |")
        .contains("| children pending at once (fleet) | <= 500 | 100 | met |")
        .contains("| worker heap at peak | < 512 MB | 300 MB of 512 MB (worker's own JVM) | met |")
        .contains("p99 900 ms, max 1200 ms | met |")
        .endsWith("## Notes\nwhy\n");
  }
}
