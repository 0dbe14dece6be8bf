package io.gridshift.sandbox.temporal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a gRPC request from an HTTP one as grpc-gateway does: the body (JSON, protobuf's JSON
 * mapping) fills the whole request ({@code body: "*"}) or one field; then query parameters ({@code
 * execution.runId=...}, field paths by JSON or proto name, repeated by repeating the key) fill what
 * the body did not; then the path variables. Fields this API version does not know are ignored, so
 * a newer UI's extra fields do no harm.
 */
final class ApiRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private ApiRequests() {}

  /**
   * The request for {@code match}.
   *
   * @throws IllegalArgumentException with what is wrong: the body is not JSON, or a value does not
   *     fit its field
   */
  static Message build(HttpRoutes.Match match, String rawQuery, byte[] body) {
    HttpRoute route = match.route();
    Descriptors.Descriptor type = route.requestType();
    ObjectNode root = JSON.createObjectNode();
    if (!route.body().isEmpty() && body.length > 0) {
      JsonNode parsed;
      try {
        parsed = JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalArgumentException("the request body is not JSON: " + e.getMessage());
      }
      if (route.body().equals("*")) {
        if (!(parsed instanceof ObjectNode object)) {
          throw new IllegalArgumentException("the request body must be a JSON object");
        }
        root = object;
      } else {
        set(root, type, List.of(route.body().split("\\.")), parsed);
      }
    }
    if (!route.body().equals("*")) {
      for (Map.Entry<String, List<String>> param : queryParameters(rawQuery).entrySet()) {
        setText(root, type, param.getKey(), param.getValue(), false);
      }
    }
    for (Map.Entry<String, String> variable : match.variables().entrySet()) {
      setText(root, type, variable.getKey(), List.of(variable.getValue()), true);
    }
    Message.Builder builder = route.requestPrototype().newBuilderForType();
    try {
      PARSER.merge(root.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    defaultRequestId(builder);
    return builder.build();
  }

  /**
   * A random {@code request_id} where the request has one and the caller left it out. The Temporal
   * UI sends none with a start or a signal; the real frontend makes one up for such direct API use,
   * while the Java test server refuses the call ("Missing request ID").
   */
  private static void defaultRequestId(Message.Builder builder) {
    Descriptors.FieldDescriptor id = builder.getDescriptorForType().findFieldByName("request_id");
    if (id != null
        && id.getType() == Descriptors.FieldDescriptor.Type.STRING
        && !id.isRepeated()
        && ((String) builder.getField(id)).isEmpty()) {
      builder.setField(id, UUID.randomUUID().toString());
    }
  }

  /** Query parameters, decoded, in order; a repeated key keeps every value. */
  static Map<String, List<String>> queryParameters(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** Sets a field path from text values; unknown paths are skipped unless {@code required}. */
  private static void setText(
      ObjectNode root,
      Descriptors.Descriptor type,
      String path,
      List<String> values,
      boolean required) {
    List<String> parts = List.of(path.split("\\."));
    Descriptors.FieldDescriptor field = resolve(type, parts);
    if (field == null) {
      if (required) {
        throw new IllegalArgumentException("no field " + path + " in " + type.getName());
      }
      return;
    }
    JsonNode value;
    if (field.isRepeated()) {
      ArrayNode array = JSON.createArrayNode();
      values.forEach(array::add);
      value = array;
    } else {
      value = JSON.getNodeFactory().textNode(values.get(values.size() - 1));
    }
    set(root, type, parts, value);
  }

  /** The field at the end of {@code parts}, or null when some part names no field. */
  private static Descriptors.FieldDescriptor resolve(
      Descriptors.Descriptor type, List<String> parts) {
    Descriptors.Descriptor current = type;
    Descriptors.FieldDescriptor field = null;
    for (String part : parts) {
      if (current == null) {
        return null;
      }
      field = field(current, part);
      if (field == null) {
        return null;
      }
      current =
          field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
              ? field.getMessageType()
              : null;
    }
    return field;
  }

  private static void set(
      ObjectNode root, Descriptors.Descriptor type, List<String> parts, JsonNode value) {
    ObjectNode node = root;
    Descriptors.Descriptor current = type;
    for (int i = 0; i < parts.size(); i++) {
      Descriptors.FieldDescriptor field = field(current, parts.get(i));
      if (field == null) {
        throw new IllegalArgumentException(
            "no field " + String.join(".", parts) + " in " + type.getName());
      }
      // One key per field: the body may have used the other spelling (proto or JSON name).
      JsonNode existing = node.remove(field.getName());
      if (existing == null) {
        existing = node.get(field.getJsonName());
      }
      if (i == parts.size() - 1) {
        node.set(field.getJsonName(), value);
        return;
      }
      ObjectNode child = existing instanceof ObjectNode object ? object : JSON.createObjectNode();
      node.set(field.getJsonName(), child);
      node = child;
      current = field.getMessageType();
    }
  }

  private static Descriptors.FieldDescriptor field(Descriptors.Descriptor type, String name) {
    Descriptors.FieldDescriptor byName = type.findFieldByName(name);
    if (byName != null) {
      return byName;
    }
    for (Descriptors.FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
