package io.gridshift.sandbox.temporal.ui;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP binding of a gRPC method, from its {@code google.api.http} rule: the verb, the path
 * template ({@code /api/v1/namespaces/{namespace}/workflows/{execution.workflow_id}}), which part
 * of the request the body fills ({@code *}, one field, or none), and the method to call.
 *
 * @param verb GET, POST, PUT, PATCH or DELETE
 * @param segments the template's segments: literals, or {@code {field.path}} variables
 * @param body {@code *} for the whole request, a field name, or empty for no body
 */
record HttpRoute(
    String verb,
    List<String> segments,
    String body,
    MethodDescriptor<Message, Message> method,
    Descriptors.Descriptor requestType,
    Message requestPrototype) {

  /** The template's segments: {@code /a/{b}/c} is [a, {b}, c]. */
  static List<String> segmentsOf(String template) {
    List<String> segments = new ArrayList<>();
    for (String s : template.split("/")) {
      if (!s.isEmpty()) {
        segments.add(s);
      }
    }
    return segments;
  }

  /**
   * The path variables (field path to decoded value) when {@code path} (decoded segments) matches
   * this template; empty when it does not. A {@code {x=**}} variable takes the rest of the path.
   */
  Optional<Map<String, String>> match(List<String> path) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String template = segments.get(i);
      if (template.startsWith("{") && template.endsWith("}")) {
        String inner = template.substring(1, template.length() - 1);
        int eq = inner.indexOf('=');
        String field = eq < 0 ? inner : inner.substring(0, eq);
        if (eq >= 0 && inner.substring(eq + 1).equals("**")) {
          if (i >= path.size()) {
            return Optional.empty();
          }
          variables.put(field, String.join("/", path.subList(i, path.size())));
          return Optional.of(variables);
        }
        if (i >= path.size() || path.get(i).isEmpty()) {
          return Optional.empty();
        }
        variables.put(field, path.get(i));
      } else if (i >= path.size() || !template.equals(path.get(i))) {
        return Optional.empty();
      }
    }
    return path.size() == segments.size() ? Optional.of(variables) : Optional.empty();
  }

  /** How many literal segments the template has: with equal matches, the more literal wins. */
  int literalCount() {
    return (int) segments.stream().filter(s -> !s.startsWith("{")).count();
  }
}
