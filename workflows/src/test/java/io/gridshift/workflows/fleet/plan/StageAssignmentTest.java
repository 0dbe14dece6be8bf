package io.gridshift.workflows.fleet.plan;

import static io.gridshift.workflows.fleet.plan.Fleets.clusterLabels;
import static io.gridshift.workflows.fleet.plan.Fleets.clusters;
import static io.gridshift.workflows.fleet.plan.Fleets.explicit;
import static io.gridshift.workflows.fleet.plan.Fleets.grid;
import static io.gridshift.workflows.fleet.plan.Fleets.kinds;
import static io.gridshift.workflows.fleet.plan.Fleets.labels;
import static io.gridshift.workflows.fleet.plan.Fleets.namespaces;
import static io.gridshift.workflows.fleet.plan.Fleets.spec;
import static io.gridshift.workflows.fleet.plan.Fleets.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StageAssignmentTest {

  private static final List<DiscoveredGrid> GRIDS =
      List.of(
          grid("us-1", "grids", "dg", "infinispan"),
          grid("eu-2", "grids", "hz", "hazelcast", Map.of("tier", "gold")),
          grid("eu-1", "grids", "dg", "infinispan", Map.of("tier", "gold")),
          grid("eu-1", "cache", "hz", "hazelcast"),
          grid("eu-2", "grids", "dg", "infinispan"),
          grid("eu-1", "grids", "hz", "hazelcast", Map.of("tier", "silver")));

  @Test
  void canaryThenHalfThenTheRestInClusterNamespaceNameOrder() {
    FleetSpec spec =
        spec(
            List.of(
                stage("canary", null, 1, null),
                stage("half", null, null, 50),
                stage("rest", null, null, null)));
    List<List<DiscoveredGrid>> stages = StageAssignment.assign(spec, GRIDS);
    assertThat(paths(stages.get(0))).containsExactly("eu-1/cache/hz");
    assertThat(paths(stages.get(1)))
        .as("50% of the 5 remaining, rounded up")
        .containsExactly("eu-1/grids/dg", "eu-1/grids/hz", "eu-2/grids/dg");
    assertThat(paths(stages.get(2))).containsExactly("eu-2/grids/hz", "us-1/grids/dg");
    assertThat(StageAssignment.unassigned(spec, GRIDS)).isEmpty();
  }

  @Test
  void theSameGridsInAnyOrderGiveTheSameStages() {
    FleetSpec spec = spec(List.of(stage("canary", null, 1, null), stage("half", null, null, 50)));
    List<List<DiscoveredGrid>> expected = StageAssignment.assign(spec, GRIDS);
    Random random = new Random(12);
    for (int i = 0; i < 20; i++) {
      List<DiscoveredGrid> shuffled = new ArrayList<>(GRIDS);
      Collections.shuffle(shuffled, random);
      assertThat(StageAssignment.assign(spec, shuffled)).isEqualTo(expected);
    }
  }

  @Test
  void aStageTakesWhatItsSelectorMatchesAmongTheRemaining() {
    FleetSpec spec =
        spec(
            List.of(
                stage("staging", clusterLabels(Map.of("env", "staging")), null, null),
                stage("gold", labels(Map.of("tier", "gold")), null, null),
                stage("hazelcast", kinds("hazelcast"), null, null),
                stage("rest", null, null, null)));
    List<List<DiscoveredGrid>> stages = StageAssignment.assign(spec, GRIDS);
    assertThat(paths(stages.get(0))).containsExactly("us-1/grids/dg");
    assertThat(paths(stages.get(1))).containsExactly("eu-1/grids/dg", "eu-2/grids/hz");
    assertThat(paths(stages.get(2)))
        .as("eu-2/grids/hz was taken by the earlier stage")
        .containsExactly("eu-1/cache/hz", "eu-1/grids/hz");
    assertThat(paths(stages.get(3))).containsExactly("eu-2/grids/dg");
  }

  @Test
  void percentIsOfWhatTheSelectorMatchesRoundedUpAndAtLeastOne() {
    FleetSpec spec =
        spec(
            List.of(
                stage("eu-1-third", clusters("eu-1"), null, 34),
                stage("one-percent", null, null, 1),
                stage("rest", null, null, null)));
    List<List<DiscoveredGrid>> stages = StageAssignment.assign(spec, GRIDS);
    assertThat(paths(stages.get(0))).as("34% of eu-1's 3 grids, rounded up").hasSize(2);
    assertThat(stages.get(1)).as("1% of 4 is at least one").hasSize(1);
    assertThat(stages.get(2)).hasSize(3);
  }

  @Test
  void percentRoundsUpWithoutFloatingPointSurprises() {
    List<DiscoveredGrid> hundred =
        IntStream.range(0, 100)
            .mapToObj(i -> grid("eu-1", "grids", String.format("g%03d", i), "infinispan"))
            .toList();
    FleetSpec spec = spec(List.of(stage("seven", null, null, 7), stage("ten", null, null, 10)));
    List<List<DiscoveredGrid>> stages = StageAssignment.assign(spec, hundred);
    assertThat(stages.get(0)).hasSize(7);
    assertThat(stages.get(1)).as("10% of the 93 left, rounded up").hasSize(10);
    assertThat(StageAssignment.unassigned(spec, hundred)).hasSize(83);
  }

  @Test
  void gridsNoStageTakesAreReportedUnassigned() {
    FleetSpec spec =
        spec(List.of(stage("canary", null, 1, null), stage("eu-2", clusters("eu-2"), null, null)));
    assertThat(paths(StageAssignment.unassigned(spec, GRIDS)))
        .containsExactly("eu-1/grids/dg", "eu-1/grids/hz", "us-1/grids/dg");
  }

  @Test
  void aStageThatMatchesNothingIsEmptyAndLaterStagesStillRun() {
    FleetSpec spec =
        spec(
            List.of(
                stage("none", namespaces("nowhere"), null, 50), stage("all", null, null, null)));
    List<List<DiscoveredGrid>> stages = StageAssignment.assign(spec, GRIDS);
    assertThat(stages.get(0)).isEmpty();
    assertThat(stages.get(1)).hasSize(6);
  }

  @Test
  void theFleetsSelectorAndItsClustersBoundEveryStage() {
    List<DiscoveredGrid> withStranger = new ArrayList<>(GRIDS);
    withStranger.add(grid("ap-1", "grids", "dg", "infinispan"));
    FleetSpec spec = spec(kinds("infinispan"), List.of(stage("all", null, null, null)));
    assertThat(paths(StageAssignment.assign(spec, withStranger).get(0)))
        .as("hazelcast grids and the unlisted cluster ap-1 are not the fleet's")
        .containsExactly("eu-1/grids/dg", "eu-2/grids/dg", "us-1/grids/dg");
    assertThat(StageAssignment.unassigned(spec, withStranger)).isEmpty();
  }

  @Test
  void anExplicitListSelectsExactlyItsGrids() {
    FleetSpec spec =
        spec(
            explicit(
                new GridId("eu-1", "grids", "hz", "hazelcast"),
                new GridId("us-1", "grids", "dg", null),
                new GridId("eu-2", "grids", "dg", "hazelcast")),
            List.of(stage("all", null, null, null)));
    assertThat(paths(StageAssignment.assign(spec, GRIDS).get(0)))
        .as("eu-2/grids/dg is infinispan, not the hazelcast the list names")
        .containsExactly("eu-1/grids/hz", "us-1/grids/dg");
  }

  @Test
  void everyCriterionOfASelectorMustMatch() {
    FleetSpec spec = spec(List.of(stage("all", null, null, null)));
    DiscoveredGrid gold = grid("eu-1", "grids", "dg", "infinispan", Map.of("tier", "gold"));
    var both =
        new FleetSpec.GridSelector(
            List.of("eu-1"),
            Map.of("env", "prod"),
            List.of("infinispan"),
            List.of("grids"),
            Map.of("tier", "gold"),
            null);
    assertThat(StageAssignment.selects(spec, both, gold)).isTrue();
    assertThat(StageAssignment.selects(spec, null, gold)).isTrue();
    assertThat(StageAssignment.selects(spec, clusterLabels(Map.of("env", "staging")), gold))
        .isFalse();
    assertThat(StageAssignment.selects(spec, labels(Map.of("tier", "silver")), gold)).isFalse();
    assertThat(StageAssignment.selects(spec, namespaces("cache"), gold)).isFalse();
    assertThat(StageAssignment.selects(spec, kinds("hazelcast"), gold)).isFalse();
    assertThat(StageAssignment.selects(spec, clusters("eu-2"), gold)).isFalse();
    assertThat(
            StageAssignment.selects(
                spec, labels(Map.of("tier", "gold")), grid("eu-1", "grids", "dg", "infinispan")))
        .as("a grid without labels")
        .isFalse();
  }

  private static List<String> paths(List<DiscoveredGrid> grids) {
    return grids.stream().map(g -> g.id().path()).toList();
  }
}
