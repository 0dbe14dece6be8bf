package io.gridshift.workflows.fleet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetSpec.WeeklySlot;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetSpecsTest {

  @Test
  void everyDefaultLivesInOnePlace() {
    FleetSpec raw =
        new FleetSpec(
            "nightly",
            "alice",
            List.of(
                new FleetCluster(
                    "eu-1",
                    null,
                    new MaintenanceWindow(
                        null, List.of(new WeeklySlot(null, "01:00", "02:00")), null)),
                new FleetCluster("eu-2", null, null)),
            null,
            null,
            List.of(new StageSpec("all", null, null, null, null, null, null, null, null)),
            null,
            null,
            null);
    FleetSpec spec = FleetSpecs.withDefaults(raw);

    assertThat(spec.fourEyes()).isFalse();
    assertThat(spec.dryRun()).isFalse();
    assertThat(spec.targets()).isEmpty();
    assertThat(spec.childDefaults()).isEmpty();
    assertThat(spec.grids().clusters()).isEmpty();
    assertThat(spec.grids().explicit()).isEmpty();
    assertThat(spec.grids().labels()).isEmpty();
    FleetCluster eu1 = spec.clusters().get(0);
    assertThat(eu1.labels()).isEmpty();
    assertThat(eu1.window().timeZone()).isEqualTo("UTC");
    assertThat(eu1.window().blackouts()).isEmpty();
    assertThat(eu1.window().weekly().get(0).days()).isEmpty();
    assertThat(spec.clusters().get(1).window()).as("no window: always open").isNull();
    StageSpec all = spec.stages().get(0);
    assertThat(all.maxParallel()).isEqualTo(1);
    assertThat(all.maxParallelPerCluster()).isEqualTo(1);
    assertThat(all.maxFailures()).isEqualTo("0");
    assertThat(all.bake()).isEqualTo("0s");
    assertThat(all.select().kinds()).isEmpty();
    assertThat(all.approval()).isNull();
    assertThat(all.count()).isNull();
    assertThat(all.percent()).isNull();
  }

  @Test
  void givenValuesAreKeptAndPerClusterFollowsMaxParallel() {
    StageSpec wide = new StageSpec("wide", null, 5, null, 8, null, "10%", "1h", null);
    FleetSpec spec =
        FleetSpecs.withDefaults(
            new FleetSpec("n", "a", null, null, null, List.of(wide), null, true, true));
    StageSpec s = spec.stages().get(0);
    assertThat(s.maxParallel()).isEqualTo(8);
    assertThat(s.maxParallelPerCluster()).as("no limit beyond maxParallel").isEqualTo(8);
    assertThat(s.maxFailures()).isEqualTo("10%");
    assertThat(s.bake()).isEqualTo("1h");
    assertThat(s.count()).isEqualTo(5);
    assertThat(spec.fourEyes()).isTrue();
    assertThat(spec.dryRun()).isTrue();
    assertThat(spec.clusters()).isEmpty();
  }

  @Test
  void nullEntriesAreKeptForTheProblemsToName() {
    FleetSpec spec =
        FleetSpecs.withDefaults(
            new FleetSpec(
                "n",
                "a",
                Arrays.asList(null, null),
                null,
                null,
                Arrays.asList((StageSpec) null),
                null,
                null,
                null));
    assertThat(spec.clusters()).hasSize(2).containsOnlyNulls();
    assertThat(spec.stages()).hasSize(1).containsOnlyNulls();
    assertThat(FleetSpecs.withDefaults(null)).isNull();
  }
}
