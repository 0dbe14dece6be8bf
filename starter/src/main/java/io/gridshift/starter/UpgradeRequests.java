package io.gridshift.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.hazelcast.HazelcastUpgradeRequest;
import io.gridshift.workflows.infinispan.InfinispanUpgradeRequest;
import java.util.ArrayList;
import java.util.List;

/** Reads request JSON (as a person writes it) into a validated request record. */
public final class UpgradeRequests {
  private UpgradeRequests() {}

  /**
   * A parsed request of one kind: exactly one of {@code infinispan} and {@code hazelcast} is set.
   */
  public record Parsed(
      UpgradeKind kind, InfinispanUpgradeRequest infinispan, HazelcastUpgradeRequest hazelcast) {

    public Parsed(UpgradeKind kind, InfinispanUpgradeRequest infinispan) {
      this(kind, infinispan, null);
    }

    /** The deterministic workflow id: one running upgrade per grid. */
    public String workflowId() {
      return kind == UpgradeKind.HAZELCAST ? hazelcast.workflowId() : infinispan.workflowId();
    }

    /** The grid's name. */
    public String grid() {
      return kind == UpgradeKind.HAZELCAST ? hazelcast.grid() : infinispan.grid();
    }

    /** Whether only the plan is wanted. */
    public boolean dryRun() {
      return kind == UpgradeKind.HAZELCAST ? hazelcast.dryRun() : infinispan.dryRun();
    }
  }

  /**
   * Parses and validates {@code json}; {@code dryRun} overrides the file's field when true.
   *
   * @throws InvalidRequestException listing every problem (malformed JSON included)
   */
  public static Parsed parse(String json, boolean dryRun) {
    return parse(json, dryRun, null);
  }

  /**
   * Parses and validates {@code json} as {@link #parse(String, boolean)} does, recording {@code
   * requestedBy} as the requester when it is not null: an authenticated caller's identity replaces
   * whatever the body says, so four-eyes cannot be dodged by naming someone else.
   *
   * @throws InvalidRequestException listing every problem (malformed JSON included)
   */
  public static Parsed parse(String json, boolean dryRun, String requestedBy) {
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
    if (requestedBy != null) {
      object.put("requestedBy", requestedBy);
    }
    if (kind == UpgradeKind.HAZELCAST) {
      HazelcastUpgradeRequest request =
          read(object, HazelcastUpgradeRequest.class, r -> r.withDefaults().problems())
              .withDefaults();
      requireNoProblems(request.problems());
      return new Parsed(kind, null, request);
    }
    InfinispanUpgradeRequest request =
        read(object, InfinispanUpgradeRequest.class, r -> r.withDefaults().problems())
            .withDefaults();
    requireNoProblems(request.problems());
    return new Parsed(kind, request, null);
  }

  /**
   * Reads {@code object} as {@code type}, reporting every unknown field and wrong type at once
   * ({@link RequestReader}); when there are any, the validation of what could be read is added.
   */
  private static <T> T read(
      ObjectNode object, Class<T> type, java.util.function.Function<T, List<String>> validation) {
    List<String> problems = new ArrayList<>();
    T request;
    try {
      request = RequestReader.read(object, type, problems);
    } catch (java.io.IOException e) {
      problems.add("the request cannot be read: " + e.getMessage());
      throw new InvalidRequestException(problems);
    }
    if (!problems.isEmpty()) {
      problems.addAll(validationOfTheRest(request, validation));
      throw new InvalidRequestException(problems);
    }
    return request;
  }

  /**
   * The validation of a request read with problems (their fields left absent): its own problems, or
   * none when it trips over a value left half-read (a list holding an absent element).
   */
  private static <T> List<String> validationOfTheRest(
      T request, java.util.function.Function<T, List<String>> validation) {
    try {
      return validation.apply(request);
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
