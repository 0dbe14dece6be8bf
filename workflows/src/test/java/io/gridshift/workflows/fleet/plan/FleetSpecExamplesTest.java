package io.gridshift.workflows.fleet.plan;

import static io.gridshift.workflows.fleet.plan.Fleets.grid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fleet spec in deploy/examples reads (strictly: a misspelled field fails) and is valid. */
class FleetSpecExamplesTest {
  private static final Path EXAMPLES =
      Path.of("").toAbsolutePath().getParent().resolve("deploy/examples");

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> fleets =
          files
              .filter(p -> p.getFileName().toString().startsWith("fleet-"))
              .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
              .filter(p -> !p.toString().endsWith(".schema.json"))
              .sorted()
              .toList();
      assertThat(fleets).as("fleet examples in " + EXAMPLES).hasSizeGreaterThanOrEqualTo(2);
      return fleets;
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleReadsAndHasNoProblem(Path file) throws IOException {
    FleetSpec spec = read(file);
    assertThat(FleetSpecProblems.problems(spec, GridKinds.names())).isEmpty();
    assertThat(spec.stages()).isNotEmpty();
  }

  @Test
  void theCanaryExamplePlansAsItsCommentsSay() throws IOException {
    FleetSpec spec = FleetSpecs.withDefaults(read(EXAMPLES.resolve("fleet-canary.yaml")));

    assertThat(VersionTargets.resolve("hazelcast", spec.targets().get("hazelcast")))
        .isEqualTo("5.3.8");
    assertThat(spec.childDefaults().get("infinispan")).isInstanceOf(InfinispanUpgradeRequest.class);
    assertThat(spec.childDefaults().get("hazelcast")).isInstanceOf(HazelcastUpgradeRequest.class);
    assertThat(spec.stages().get(1).approval()).isNotNull();

    List<DiscoveredGrid> grids = new ArrayList<>();
    for (String cluster : List.of("prod-eu-1", "prod-eu-2", "prod-us-1")) {
      grids.add(grid(cluster, "grids", "dg", "infinispan", Map.of("upgrade", "fleet")));
      grids.add(grid(cluster, "sessions", "hz", "hazelcast", Map.of("upgrade", "fleet")));
    }
    grids.add(grid("prod-eu-1", "grids", "legacy", "infinispan", Map.of("upgrade", "manual")));
    List<List<DiscoveredGrid>> stages = StageAssignment.assign(spec, grids);
    assertThat(stages).extracting(List::size).containsExactly(1, 3, 2);
    assertThat(StageAssignment.unassigned(spec, grids)).isEmpty();

    var eu1 = spec.clusters().get(0).window();
    // Friday 2026-12-04 23:00 in Berlin is 22:00Z: inside the Friday night slot.
    assertThat(MaintenanceWindows.isOpen(eu1, Instant.parse("2026-12-04T22:00:00Z"))).isTrue();
    assertThat(MaintenanceWindows.nextOpen(eu1, Instant.parse("2026-12-24T12:00:00Z")))
        .as("Christmas is blacked out; Sunday 27th at midnight in Berlin opens")
        .isEqualTo(Instant.parse("2026-12-26T23:00:00Z"));
  }

  @Test
  void aMisspelledFieldFailsTheReadSoNoExampleCarriesOne() {
    String typo = "name: x\nstages:\n  - name: all\n    maxParalel: 2\n";
    assertThatThrownBy(() -> mapper(false).readValue(typo, FleetSpec.class))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("maxParalel");
  }

  private static FleetSpec read(Path file) throws IOException {
    return mapper(file.toString().endsWith(".json")).readValue(file.toFile(), FleetSpec.class);
  }

  private static ObjectMapper mapper(boolean json) {
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    GridKinds.registerWith(mapper);
    return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
