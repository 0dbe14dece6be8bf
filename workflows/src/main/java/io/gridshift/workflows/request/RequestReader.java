package io.gridshift.workflows.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads request JSON into its record without stopping at the first problem: every unknown field and
 * every value of the wrong type is collected, each said in the request's own terms (the field's
 * JSON path, what it expects, the value given), and read as absent so that reading goes on. Every
 * door reads requests this way: the REST service and the CLI ({@code UpgradeRequests}, {@code
 * FleetSpecReader}) and the worker, for a workflow started with raw JSON ({@code
 * RequestPayloadConverter}).
 */
public final class RequestReader {
  private static final int SHOWN_CHARS = 60;

  private RequestReader() {}

  /**
   * Reads {@code object} as {@code type} with {@code mapper}, adding to {@code problems} each
   * unknown field (when the mapper refuses them) and each value of the wrong type.
   *
   * @return the record, with every field that had a problem left absent
   * @throws IOException when the JSON cannot be read at all
   */
  public static <T> T read(
      ObjectMapper mapper, ObjectNode object, Class<T> type, List<String> problems)
      throws IOException {
    ObjectNode readable = object.deepCopy();
    List<String> outOfRange = new ArrayList<>();
    while (true) {
      List<String> found = new ArrayList<>();
      try {
        T value =
            mapper
                .readerFor(type)
                .withHandler(new Collector(found))
                .readValue(mapper.treeAsTokens(readable));
        problems.addAll(outOfRange);
        problems.addAll(found);
        return value;
      } catch (JsonMappingException e) {
        // Jackson stops at a number too large for its field (no handler is asked): say so by
        // path, read the field as absent, and go on, as for every other wrong value.
        String problem = outOfRange(e, readable);
        if (problem == null || outOfRange.size() >= MAX_OUT_OF_RANGE) {
          throw e;
        }
        outOfRange.add(problem);
      }
    }
  }

  /** How many out-of-range numbers one request may have before reading gives up. */
  private static final int MAX_OUT_OF_RANGE = 20;

  /**
   * The problem of a number {@code e} found out of range, after removing it from {@code object};
   * null when {@code e} is another failure.
   */
  private static String outOfRange(JsonMappingException e, ObjectNode object) {
    if (!(e.getCause() instanceof InputCoercionException coercion) || e.getPath().isEmpty()) {
      return null;
    }
    List<JsonMappingException.Reference> refs = e.getPath();
    JsonNode parent = object;
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < refs.size() - 1 && parent != null; i++) {
      parent = step(parent, refs.get(i), path);
    }
    JsonMappingException.Reference last = refs.get(refs.size() - 1);
    StringBuilder fieldPath = new StringBuilder(path);
    JsonNode value = parent == null ? null : step(parent, last, fieldPath);
    if (value == null) {
      return null;
    }
    if (parent instanceof ObjectNode o && last.getFieldName() != null) {
      o.remove(last.getFieldName());
    } else if (parent instanceof ArrayNode a) {
      a.set(last.getIndex(), NullNode.getInstance());
    } else {
      return null;
    }
    String shown = fieldPath.charAt(0) == '.' ? fieldPath.substring(1) : fieldPath.toString();
    return shown
        + ": "
        + value.asText()
        + " is out of range: expected "
        + expected(coercion.getTargetType())
        + " from "
        + range(coercion.getTargetType());
  }

  private static JsonNode step(
      JsonNode node, JsonMappingException.Reference ref, StringBuilder path) {
    if (ref.getFieldName() != null) {
      path.append('.').append(ref.getFieldName());
      return node.get(ref.getFieldName());
    }
    path.append('[').append(ref.getIndex()).append(']');
    return node.get(ref.getIndex());
  }

  private static String range(Class<?> type) {
    if (type == Long.class || type == long.class) {
      return Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    return Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
  }

  /** Collects problems and answers "absent" for each, so deserialization continues. */
  private static final class Collector extends DeserializationProblemHandler {
    private final List<String> problems;

    Collector(List<String> problems) {
      this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      String path = path(p);
      int dot = Math.max(path.lastIndexOf('.'), 0);
      String where = dot == 0 ? "the request" : path.substring(0, dot);
      p.skipChildren();
      problems.add(
          "unknown field '" + path + "'; the fields of " + where + ": " + known(deserializer));
      return true;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String msg)
        throws IOException {
      String path = path(p);
      String given = given(p, t);
      p.skipChildren();
      problems.add(path + ": expected " + expected(targetType.getRawClass()) + ", got " + given);
      return null;
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> targetType, String value, String msg) {
      problems.add(
          path(ctxt.getParser()) + ": expected " + expected(targetType) + ", got " + quoted(value));
      return null;
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext ctxt, Class<?> targetType, Number value, String msg) {
      problems.add(
          path(ctxt.getParser()) + ": expected " + expected(targetType) + ", got " + value);
      return null;
    }

    @Override
    public Object handleMissingInstantiator(
        DeserializationContext ctxt,
        Class<?> instClass,
        ValueInstantiator valueInsta,
        JsonParser p,
        String msg)
        throws IOException {
      return handleUnexpectedToken(ctxt, ctxt.constructType(instClass), p.currentToken(), p, msg);
    }
  }

  /** The JSON path of the parser's current value, e.g. {@code gates.cutover.approval}. */
  private static String path(JsonParser p) {
    JsonStreamContext context = p.getParsingContext();
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      context = context.getParent(); // the container just opened is the value itself
    }
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
    }
    String path = String.join("", parts);
    return path.isEmpty() ? "the request" : path.startsWith(".") ? path.substring(1) : path;
  }

  private static String known(JsonDeserializer<?> deserializer) {
    Collection<Object> names = deserializer == null ? null : deserializer.getKnownPropertyNames();
    return names == null
        ? "[]"
        : new TreeSet<>(names.stream().map(String::valueOf).toList()).toString();
  }

  /** What a Java type is called in JSON terms. */
  private static String expected(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return Map.class.isAssignableFrom(type) ? "an object of named entries" : "an object";
  }

  /** The value given, as the request wrote it (shortened). */
  private static String given(JsonParser p, JsonToken token) throws IOException {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> quoted(p.getText());
      case VALUE_NULL -> "null";
      default -> p.getText();
    };
  }

  private static String quoted(String value) {
    String shown = value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "..." : value;
    return "\"" + shown + "\"";
  }
}
