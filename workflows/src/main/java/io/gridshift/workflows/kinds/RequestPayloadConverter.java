package io.gridshift.workflows.kinds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.request.RequestReader;
import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporal's JSON converter, reading requests (every kind's upgrade request, a fleet spec) the way
 * a person writes them in the Temporal UI:
 *
 * <ol>
 *   <li>Input Temporal's converter reads is read exactly as before, so every recorded history
 *       replays the same.
 *   <li>Input without {@code kind}, for a workflow of one kind, is read as that kind: the workflow
 *       type already says it (the README's example for the Temporal UI has no {@code kind}).
 *   <li>Anything else that cannot be read (not JSON, an unknown field, a value of the wrong type, a
 *       kind that is not the workflow's) throws {@link UnreadableInputException} listing every
 *       problem by JSON path ({@link RequestReader}): the workflow fails at once with it, instead
 *       of a workflow task that fails and retries forever while the upgrade seems to wait.
 * </ol>
 */
final class RequestPayloadConverter extends JacksonJsonPayloadConverter {
  private final ObjectMapper mapper;

  RequestPayloadConverter(ObjectMapper mapper) {
    super(mapper);
    this.mapper = mapper;
  }

  @Override
  public <T> T fromData(Payload content, Class<T> valueClass, Type valueType)
      throws DataConverterException {
    if (!isRequest(valueClass)) {
      return super.fromData(content, valueClass, valueType);
    }
    try {
      return super.fromData(content, valueClass, valueType);
    } catch (DataConverterException unread) {
      return readAsAPersonWrote(content.getData().toString(StandardCharsets.UTF_8), valueClass);
    }
  }

  private static boolean isRequest(Class<?> type) {
    return UpgradeRequest.class.isAssignableFrom(type) || type == FleetSpec.class;
  }

  private <T> T readAsAPersonWrote(String json, Class<T> type) {
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UnreadableInputException(
          List.of("the input is not valid JSON: " + e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new UnreadableInputException(
          List.of("the input must be a JSON object, e.g. " + example(type)));
    }
    ObjectNode object = withKind((ObjectNode) node, type);
    try {
      return mapper.treeToValue(object, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // Listed below, with every other problem.
    }
    List<String> problems = new ArrayList<>();
    try {
      RequestReader.read(mapper, object, type, problems);
    } catch (JsonProcessingException e) {
      problems.add("the input cannot be read: " + e.getOriginalMessage());
    } catch (IOException e) {
      problems.add("the input cannot be read: " + e.getMessage());
    }
    if (problems.isEmpty()) {
      problems.add("the input cannot be read as " + type.getSimpleName());
    }
    throw new UnreadableInputException(problems);
  }

  /**
   * {@code given} with the kind of the workflow's request type first; a different kind is refused
   * naming the workflow type to start instead.
   */
  private static ObjectNode withKind(ObjectNode given, Class<?> type) {
    if (!UpgradeRequest.class.isAssignableFrom(type) || type.isInterface()) {
      return given;
    }
    String kind = UpgradeRequest.kindOf(type);
    JsonNode written = given.get(UpgradeRequest.KIND_FIELD);
    if (written != null && !kind.equals(written.asText())) {
      String other =
          GridKinds.find(written.asText())
              .map(k -> "start workflow type " + k.workflowType() + " for it, or ")
              .orElse("");
      throw new UnreadableInputException(
          List.of(
              "kind "
                  + written
                  + " is not this workflow's kind '"
                  + kind
                  + "': "
                  + other
                  + "leave kind out"));
    }
    ObjectNode object = given.objectNode().put(UpgradeRequest.KIND_FIELD, kind);
    given.fields().forEachRemaining(f -> object.putIfAbsent(f.getKey(), f.getValue()));
    return object;
  }

  private static String example(Class<?> type) {
    return type == FleetSpec.class
        ? "{\"name\": ..., \"clusters\": [...], \"targets\": {...}, \"stages\": [...]}"
        : "{\"cluster\": {\"cluster\": \"prod-eu-1\"}, \"grid\": \"dg\", \"targetVersion\": ...}";
  }
}
