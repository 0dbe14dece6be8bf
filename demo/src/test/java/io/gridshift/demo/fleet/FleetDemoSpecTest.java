package io.gridshift.demo.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.starter.FleetSpecReader;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import io.gridshift.workflows.fleet.plan.FailureBudgets;
import io.gridshift.workflows.fleet.plan.FleetSpecProblems;
import io.gridshift.workflows.fleet.plan.MaintenanceWindows;
import io.gridshift.workflows.fleet.plan.StageAssignment;
import io.gridshift.workflows.fleet.plan.VersionTargets;
import io.gridshift.workflows.kinds.GridKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spec the fleet demo runs tells the story the issue asks for, judged by the product's own spec
 * logic: valid, the canary first, the refused grid in a stage with a budget of 1, the late window's
 * grids in the gated stage, and a window that opens 150 to 210 s after set-up.
 */
class FleetDemoSpecTest {
  private static final Instant SET_UP = Instant.parse("2026-12-07T05:30:20Z");

  private final FleetSpec spec = FleetDemoSpec.build("alice", FleetDemoSpec.windowOpening(SET_UP));

  @Test
  void theSpecIsValidAndReadsBackFromItsYamlUnchanged() {
    assertThat(FleetSpecProblems.problems(spec, GridKinds.names())).isEmpty();

    String yaml = FleetDemoSpec.yaml(spec);

    assertThat(FleetSpecReader.parse(yaml, false, null)).isEqualTo(spec);
    assertThat(yaml).contains("timeZone: Asia/Tokyo").contains("newestPatchOf:");
  }

  @Test
  void stagesAreTheCanaryThenHalfBehindTheGateThenTheRestWithTheRefusedGridBudgetedAtOne() {
    List<List<DiscoveredGrid>> stages = StageAssignment.assign(spec, discovered());

    assertThat(paths(stages.get(0))).containsExactly("eu-1/shop/carts");
    assertThat(paths(stages.get(1)))
        .containsExactly("ap-1/shop/prices", "ap-1/shop/profiles", "eu-1/shop/sessions");
    assertThat(paths(stages.get(2)))
        .containsExactly("us-1/billing/invoices", "us-1/billing/rates", "us-1/legacy/ledger");
    assertThat(StageAssignment.unassigned(spec, discovered())).isEmpty();
    assertThat(spec.stages().get(1).approval()).isNotNull();
    assertThat(spec.stages().get(0).approval()).isNull();
    assertThat(FailureBudgets.maxFailures(spec.stages().get(2).maxFailures(), 3)).isEqualTo(1);
    assertThat(FailureBudgets.maxFailures(spec.stages().get(0).maxFailures(), 1)).isZero();
  }

  @Test
  void everyStageButTheLastBakesTwentySeconds() {
    assertThat(spec.stages())
        .extracting(FleetSpec.StageSpec::bake)
        .containsExactly("20s", "20s", null);
  }

  @Test
  void hazelcastGoesToTheNewestAllowedPatchAndInfinispanToItsExactTarget() {
    assertThat(VersionTargets.resolve("hazelcast", spec.targets().get("hazelcast")))
        .isEqualTo("5.3.8");
    assertThat(VersionTargets.resolve("infinispan", spec.targets().get("infinispan")))
        .isEqualTo("15.0.21.Final");
  }

  @Test
  void onlyTheWindowedClusterHasAWindowAndItOpensOnAWholeMinute150To210SecondsAfterSetUp() {
    Instant opens = FleetDemoSpec.windowOpening(SET_UP);
    MaintenanceWindow window = windowOf(spec, FleetLayout.WINDOW_CLUSTER);

    assertThat(Duration.between(SET_UP, opens))
        .isBetween(Duration.ofSeconds(150), Duration.ofSeconds(210));
    assertThat(opens.getEpochSecond() % 60).isZero();
    assertThat(MaintenanceWindows.isOpen(window, opens.minusSeconds(1))).isFalse();
    assertThat(MaintenanceWindows.isOpen(window, opens)).isTrue();
    assertThat(MaintenanceWindows.nextOpen(window, SET_UP)).isEqualTo(opens);
    assertThat(windowOf(spec, "eu-1")).isNull();
    assertThat(windowOf(spec, "us-1")).isNull();
  }

  @Test
  void aWindowOpeningJustAfterMidnightInTokyoIsOnTheNextLocalDay() {
    // 23:58:30 in Tokyo on Monday: the window opens at 00:01 on Tuesday, local time.
    Instant lateMonday = Instant.parse("2026-12-07T14:58:30Z");
    Instant opens = FleetDemoSpec.windowOpening(lateMonday);
    MaintenanceWindow window = FleetDemoSpec.window(opens);

    assertThat(window.weekly().get(0).days()).containsExactly("TUE");
    assertThat(window.weekly().get(0).start()).isEqualTo("00:01");
    assertThat(MaintenanceWindows.nextOpen(window, lateMonday)).isEqualTo(opens);
  }

  @Test
  void aSetUpOnAWholeMinuteStillWaitsTwoAndAHalfMinutes() {
    Instant onTheMinute = Instant.parse("2026-12-07T05:30:00Z");
    assertThat(FleetDemoSpec.windowOpening(onTheMinute))
        .isEqualTo(Instant.parse("2026-12-07T05:33:00Z"));
  }

  static List<DiscoveredGrid> discovered() {
    return FleetLayout.grids().stream()
        .map(g -> new DiscoveredGrid(g.id(), FleetLayout.sourceVersion(g.kind()), g.labels()))
        .toList();
  }

  private static List<String> paths(List<DiscoveredGrid> grids) {
    return grids.stream().map(g -> g.id().path()).toList();
  }

  private static MaintenanceWindow windowOf(FleetSpec spec, String cluster) {
    return spec.clusters().stream()
        .filter(c -> c.name().equals(cluster))
        .findFirst()
        .orElseThrow()
        .window();
  }
}
