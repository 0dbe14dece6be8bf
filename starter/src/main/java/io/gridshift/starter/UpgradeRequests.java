package io.gridshift.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.infinispan.InfinispanKind;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.RequestReader;
import io.gridshift.workflows.request.UpgradeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request JSON (as a person writes it) into a validated request of its kind: the {@code kind}
 * field names one of {@link GridKinds} ({@code infinispan} when absent, as before kinds existed),
 * and Jackson picks that kind's request record from it.
 */
public final class UpgradeRequests {
  private UpgradeRequests() {}

  /**
   * Parses and validates {@code json}; {@code dryRun} overrides the file's field when true.
   *
   * @throws InvalidRequestException listing every problem (malformed JSON included)
   */
  public static UpgradeRequest parse(String json, boolean dryRun) {
    return parse(json, dryRun, null);
  }

  /**
   * Parses and validates {@code json} as {@link #parse(String, boolean)} does, recording {@code
   * requestedBy} as the requester when it is not null: an authenticated caller's identity replaces
   * whatever the body says, so four-eyes cannot be dodged by naming someone else.
   *
   * @throws InvalidRequestException listing every problem (malformed JSON included)
   */
  public static UpgradeRequest parse(String json, boolean dryRun, String requestedBy) {
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
    ObjectNode object = kindFirst((ObjectNode) node);
    if (dryRun) {
      object.put("dryRun", true);
    }
    if (requestedBy != null) {
      object.put("requestedBy", requestedBy);
    }
    UpgradeRequest request = read(object).withDefaults();
    List<String> problems = new ArrayList<>(request.problems());
    request
        .gates()
        .forEach(
            (gate, policy) -> {
              String problem = policy.writtenApproverProblem("gates." + gate);
              if (problem != null) {
                problems.add(problem);
              }
            });
    requireNoProblems(problems);
    return request;
  }

  /**
   * {@code given} with its {@code kind} first (Jackson then reads the record's fields in place, and
   * a problem's path stays the field's own); {@code infinispan} when absent, as before kinds
   * existed.
   *
   * @throws InvalidRequestException for a kind no registered kind has, listing the kinds
   */
  private static ObjectNode kindFirst(ObjectNode given) {
    JsonNode kind = given.remove(UpgradeRequest.KIND_FIELD);
    String name = kind == null ? InfinispanKind.NAME : kind.asText();
    if ((kind != null && !kind.isTextual()) || GridKinds.find(name).isEmpty()) {
      String shown = kind != null && kind.isTextual() ? "'" + name + "'" : String.valueOf(kind);
      throw new InvalidRequestException(
          List.of("unknown kind " + shown + "; kinds: " + GridKinds.names()));
    }
    ObjectNode object = Json.mapper().createObjectNode().put(UpgradeRequest.KIND_FIELD, name);
    object.setAll(given);
    return object;
  }

  /**
   * Reads {@code object} as its kind's request, reporting every unknown field and wrong type at
   * once ({@link RequestReader}); when there are any, the validation of what could be read is
   * added.
   */
  private static UpgradeRequest read(ObjectNode object) {
    List<String> problems = new ArrayList<>();
    UpgradeRequest request;
    try {
      request = RequestReader.read(Json.mapper(), object, UpgradeRequest.class, problems);
    } catch (java.io.IOException e) {
      problems.add("the request cannot be read: " + e.getMessage());
      throw new InvalidRequestException(problems);
    }
    if (!problems.isEmpty()) {
      problems.addAll(validationOfTheRest(request));
      throw new InvalidRequestException(problems);
    }
    return request;
  }

  /**
   * The validation of a request read with problems (their fields left absent): its own problems, or
   * none when it trips over a value left half-read (a list holding an absent element).
   */
  private static List<String> validationOfTheRest(UpgradeRequest request) {
    try {
      return request.withDefaults().problems();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static void requireNoProblems(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(new ArrayList<>(problems));
    }
  }
}
