package io.gridshift.starter.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.plan.FleetSpecProblems;
import io.gridshift.workflows.kinds.GridKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a fleet spec file (YAML or JSON: YAML is a superset) and checks what a schedule needs of it
 * before it is stored, so that a spec that cannot run is refused now rather than on its first run,
 * maybe at 2 a.m. on a Saturday.
 */
public final class FleetSpecs {
  // Every grid kind registered: childDefaults holds per-kind requests chosen by "kind".
  private static final ObjectMapper YAML =
      GridKinds.registerWith(new ObjectMapper(new YAMLFactory()))
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);

  private FleetSpecs() {}

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException saying which file and what is wrong in it
   */
  public static FleetSpec read(Path file) {
    try {
      return YAML.readValue(Files.readString(file), FleetSpec.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("fleet spec file " + file + " does not exist");
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "fleet spec "
              + file
              + ": unknown field '"
              + e.getPropertyName()
              + "' (line "
              + e.getLocation().getLineNr()
              + "); the fields there: "
              + e.getKnownPropertyIds());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "fleet spec "
              + file
              + " cannot be read: "
              + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
  }

  /**
   * What makes {@code spec} unfit to be run by a schedule: the same problems a fleet run would
   * refuse it for, found now rather than at its first run.
   */
  static List<String> problems(FleetSpec spec) {
    return FleetSpecProblems.problems(spec, GridKinds.names());
  }
}
