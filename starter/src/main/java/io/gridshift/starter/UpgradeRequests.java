package io.gridshift.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.infinispan.InfinispanUpgradeRequest;
import java.util.ArrayList;
import java.util.List;

/** Reads request JSON (as a person writes it) into a validated request record. */
public final class UpgradeRequests {
  private UpgradeRequests() {}

  /** A parsed request of one kind. */
  public record Parsed(UpgradeKind kind, InfinispanUpgradeRequest infinispan) {
    /** The deterministic workflow id: one running upgrade per grid. */
    public String workflowId() {
      return infinispan.workflowId();
    }
  }

  /**
   * Parses and validates {@code json}; {@code dryRun} overrides the file's field when true.
   *
   * @throws InvalidRequestException listing every problem (malformed JSON included)
   */
  public static Parsed parse(String json, boolean dryRun) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          List.of("the request is not valid JSON: " + e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(List.of("the request must be a JSON object"));
    }
    ObjectNode object = (ObjectNode) node;
    JsonNode kindNode = object.remove("kind");
    UpgradeKind kind;
    try {
      kind = kindNode == null ? UpgradeKind.INFINISPAN : UpgradeKind.parse(kindNode.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(List.of(e.getMessage()));
    }
    if (dryRun) {
      object.put("dryRun", true);
    }
    InfinispanUpgradeRequest request;
    try {
      request = Json.mapper().treeToValue(object, InfinispanUpgradeRequest.class).withDefaults();
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(List.of(describe(e)));
    }
    List<String> problems = new ArrayList<>(request.problems());
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new Parsed(kind, request);
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      return "unknown field '"
          + u.getPropertyName()
          + "'; known fields: "
          + u.getKnownPropertyIds();
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
      return "field " + path(f) + ": " + message;
    }
    return message;
  }

  private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
