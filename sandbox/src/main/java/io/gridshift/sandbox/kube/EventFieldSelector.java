package io.gridshift.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Event field selectors kube-apiserver answers and the fabric8 mock does not: {@code
 * involvedObject.kind/name/namespace/uid=...}, which {@code kubectl describe} uses to list the
 * Events of the object it describes. The mock answers the list without them; this keeps the items
 * that match.
 */
final class EventFieldSelector {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EVENTS_LIST =
      Pattern.compile("^/api/v1/(namespaces/[^/]+/)?events\\?(.*)$");
  private static final Pattern SELECTOR = Pattern.compile("(^|&)fieldSelector=([^&]*)");

  /** The involvedObject fields asked for, and the path without them. */
  record Selection(String path, Map<String, String> involvedObject) {
    /** The list body with only the Events whose involvedObject matches. */
    String filter(String listBody) {
      try {
        ObjectNode list = (ObjectNode) JSON.readTree(listBody);
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode item : list.path("items")) {
          if (matches(item.path("involvedObject"))) {
            kept.add(item);
          }
        }
        list.set("items", kept);
        // The mock says "List"; kubectl's typed client decodes only an EventList.
        list.put("kind", "EventList");
        return JSON.writeValueAsString(list);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private boolean matches(JsonNode involved) {
      return involvedObject.entrySet().stream()
          .allMatch(e -> e.getValue().equals(involved.path(e.getKey()).asText()));
    }
  }

  private EventFieldSelector() {}

  /** A GET of an Event list that selects on involvedObject fields; empty for anything else. */
  static Optional<Selection> of(String path) {
    Matcher list = EVENTS_LIST.matcher(path);
    if (!list.matches()) {
      return Optional.empty();
    }
    Matcher selector = SELECTOR.matcher(list.group(2));
    if (!selector.find()) {
      return Optional.empty();
    }
    Map<String, String> involved = new LinkedHashMap<>();
    for (String term : URLDecoder.decode(selector.group(2), StandardCharsets.UTF_8).split(",")) {
      String[] field = term.split("=", 2);
      if (field.length == 2 && field[0].startsWith("involvedObject.")) {
        involved.put(field[0].substring("involvedObject.".length()), field[1]);
      }
    }
    if (involved.isEmpty()) {
      return Optional.empty();
    }
    String query = SELECTOR.matcher(list.group(2)).replaceFirst("").replaceFirst("^&", "");
    String bare = path.substring(0, path.indexOf('?'));
    return Optional.of(new Selection(query.isEmpty() ? bare : bare + "?" + query, involved));
  }
}
