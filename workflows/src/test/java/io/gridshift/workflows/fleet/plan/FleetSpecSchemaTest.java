package io.gridshift.workflows.fleet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.fleet.FleetSpec;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/examples/fleet-spec.schema.json describes the records Jackson reads: every object
 * definition has exactly the record's fields, so a field added to {@link FleetSpec} without the
 * schema (or a typo in the schema) fails here.
 */
class FleetSpecSchemaTest {
  private static final Path SCHEMA =
      Path.of("").toAbsolutePath().getParent().resolve("deploy/examples/fleet-spec.schema.json");

  private static final Map<String, Class<?>> RECORDS =
      Map.of(
          "FleetSpec", FleetSpec.class,
          "FleetCluster", FleetSpec.FleetCluster.class,
          "GridSelector", FleetSpec.GridSelector.class,
          "GridId", FleetSpec.GridId.class,
          "VersionTarget", FleetSpec.VersionTarget.class,
          "StageSpec", FleetSpec.StageSpec.class,
          "GatePolicy", GatePolicy.class,
          "MaintenanceWindow", FleetSpec.MaintenanceWindow.class,
          "WeeklySlot", FleetSpec.WeeklySlot.class);

  @Test
  void everyObjectDefinitionHasExactlyItsRecordsFields() throws IOException {
    JsonNode defs = new ObjectMapper().readTree(SCHEMA.toFile()).get("$defs");
    for (var entry : RECORDS.entrySet()) {
      JsonNode def = defs.get(entry.getKey());
      assertThat(def).as("$defs." + entry.getKey()).isNotNull();
      List<String> properties = new ArrayList<>();
      def.get("properties").fieldNames().forEachRemaining(properties::add);
      List<String> fields =
          Arrays.stream(entry.getValue().getRecordComponents())
              .map(RecordComponent::getName)
              .toList();
      assertThat(properties)
          .as("$defs." + entry.getKey())
          .containsExactlyInAnyOrderElementsOf(fields);
      assertThat(def.get("additionalProperties").asBoolean(true))
          .as("$defs." + entry.getKey() + " refuses unknown fields, as the examples' reader does")
          .isFalse();
    }
  }
}
