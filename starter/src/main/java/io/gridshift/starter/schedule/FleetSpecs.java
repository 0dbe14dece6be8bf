package io.gridshift.starter.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.gridshift.workflows.kinds.GridKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a fleet spec file (YAML or JSON: YAML is a superset) and checks what a schedule needs of it
 * before it is stored, so that a spec that cannot run is refused now rather than on its first run,
 * maybe at 2 a.m. on a Saturday.
 */
public final class FleetSpecs {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

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
   * What makes {@code spec} unfit to be run by a schedule. The name must be a DNS label: it makes
   * the action's workflow id {@code fleet-<name>}.
   */
  // TODO(issue 12): add FleetSpecProblems.problems(spec, knownKinds) once branch fleet-spec lands.
  static List<String> problems(FleetSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec.name() == null || !DNS_LABEL.matcher(spec.name()).matches()) {
      problems.add(
          "fleet spec name '"
              + spec.name()
              + "' is not a DNS label; the runs are named "
              + FleetUpgradeWorkflow.workflowId("<name>")
              + ", so use lower-case letters, digits and '-'");
    }
    if (spec.stages() == null || spec.stages().isEmpty()) {
      problems.add("fleet spec '" + spec.name() + "' has no stages; a run would upgrade nothing");
    }
    if (spec.targets() == null || spec.targets().isEmpty()) {
      problems.add("fleet spec '" + spec.name() + "' has no targets; name a version per kind");
    }
    return problems;
  }
}
