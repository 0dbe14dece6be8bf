package io.gridshift.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.plan.FleetSpecProblems;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.RequestReader;
import io.gridshift.workflows.request.UpgradeRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a fleet spec as a person writes it, in YAML or JSON, into a {@link FleetSpec}: every
 * unknown field and value of the wrong type is reported at once ({@link RequestReader}), with its
 * path in the spec.
 *
 * <ol>
 *   <li>Text starting with <code>{</code> is JSON, anything else YAML.
 *   <li>Each {@code childDefaults} entry is an upgrade request of the kind it is filed under: its
 *       {@code kind} is set from the key when the entry leaves it out, so Jackson picks the kind's
 *       record (the mapper knows every kind through {@code GridKinds.registerWith}).
 *   <li>The caller (when known) is recorded as {@code requestedBy}, and {@code dryRun} is set when
 *       asked for.
 *   <li>The spec is judged by the fleet's own rules ({@link FleetSpecProblems}, the ones the
 *       workflow applies), so an invalid spec is refused with every problem before anything starts.
 * </ol>
 */
public final class FleetSpecReader {
  private static final YAMLMapper YAML = new YAMLMapper();

  private FleetSpecReader() {}

  /**
   * Parses {@code text} (YAML or JSON).
   *
   * @param dryRun when true, overrides the spec's {@code dryRun}
   * @param requestedBy when not null, replaces the spec's {@code requestedBy} (an authenticated
   *     caller: four-eyes cannot be dodged by naming someone else)
   * @throws InvalidRequestException listing every problem (malformed text included)
   */
  public static FleetSpec parse(String text, boolean dryRun, String requestedBy) {
    return parse(text, dryRun, requestedBy, true);
  }

  /**
   * Parses {@code text} as {@link #parse(String, boolean, String)} does, recording {@code identity}
   * as {@code requestedBy} only when the spec names nobody (the CLI talking to Temporal directly,
   * where there is no authentication).
   */
  public static FleetSpec parseWithDefaultRequester(String text, boolean dryRun, String identity) {
    return parse(text, dryRun, identity, false);
  }

  private static FleetSpec parse(
      String text, boolean dryRun, String requestedBy, boolean replaceRequester) {
    ObjectNode object = tree(text);
    List<String> problems = new ArrayList<>();
    kindsFromKeys(object, problems);
    if (dryRun) {
      object.put("dryRun", true);
    }
    if (requestedBy != null && (replaceRequester || !object.hasNonNull("requestedBy"))) {
      object.put("requestedBy", requestedBy);
    }
    FleetSpec spec;
    try {
      spec = RequestReader.read(Json.mapper(), object, FleetSpec.class, problems);
    } catch (IOException e) {
      problems.add("the fleet spec cannot be read: " + e.getMessage());
      throw new InvalidRequestException(problems);
    }
    problems.addAll(ruleProblems(spec));
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return spec;
  }

  /**
   * {@code text} as JSON, for sending on: YAML is converted, JSON kept as it is written.
   *
   * @throws InvalidRequestException when it is neither
   */
  public static String toJson(String text) {
    try {
      return Json.mapper().writeValueAsString(tree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a JSON tree", e);
    }
  }

  /** Whether {@code text} is written as JSON (else it is read as YAML). */
  public static boolean isJson(String text) {
    return text != null && text.stripLeading().startsWith("{");
  }

  private static ObjectNode tree(String text) {
    JsonNode node;
    try {
      node = isJson(text) ? Json.mapper().readTree(text) : YAML.readTree(text == null ? "" : text);
    } catch (IOException e) {
      String format = isJson(text) ? "JSON" : "YAML";
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidRequestException(
          List.of("the fleet spec is not valid " + format + ": " + why));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(
          List.of("the fleet spec must be an object with name, clusters, grids, targets, stages"));
    }
    return (ObjectNode) node;
  }

  private static void kindsFromKeys(ObjectNode spec, List<String> problems) {
    if (!(spec.get("childDefaults") instanceof ObjectNode defaults)) {
      return;
    }
    List<String> kinds = new ArrayList<>();
    defaults.fieldNames().forEachRemaining(kinds::add);
    for (String kind : kinds) {
      if (GridKinds.find(kind).isEmpty()) {
        problems.add(
            "childDefaults." + kind + ": unknown kind '" + kind + "'; kinds: " + GridKinds.names());
        defaults.remove(kind); // read the rest
      } else if (defaults.get(kind) instanceof ObjectNode child
          && !child.has(UpgradeRequest.KIND_FIELD)) {
        // The kind first: Jackson then reads the record's fields in place (RequestReader's paths).
        ObjectNode withKind = Json.mapper().createObjectNode().put(UpgradeRequest.KIND_FIELD, kind);
        withKind.setAll(child);
        defaults.set(kind, withKind);
      }
    }
  }

  /**
   * The spec's problems by the fleet's own rules ({@link FleetSpecProblems}, which the workflow
   * applies too); none when it trips over a value left half-read (its read problems say why).
   */
  private static List<String> ruleProblems(FleetSpec spec) {
    try {
      return FleetSpecProblems.problems(spec, GridKinds.names());
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
