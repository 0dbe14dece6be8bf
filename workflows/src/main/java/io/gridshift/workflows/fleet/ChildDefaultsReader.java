package io.gridshift.workflows.fleet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.workflows.request.UpgradeRequest;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@link FleetSpec#childDefaults()}: the map's key is the kind, so an entry may leave out
 * {@code kind} (writing it again is allowed; a different kind is a problem the spec check names).
 */
final class ChildDefaultsReader extends JsonDeserializer<Map<String, UpgradeRequest>> {

  @Override
  public Map<String, UpgradeRequest> deserialize(JsonParser parser, DeserializationContext ctxt)
      throws IOException {
    JsonNode tree = ctxt.readTree(parser);
    if (!tree.isObject()) {
      return ctxt.reportInputMismatch(
          this, "childDefaults must be an object keyed by kind name, e.g. {infinispan: {...}}");
    }
    Map<String, UpgradeRequest> defaults = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      if (value instanceof ObjectNode fields && !fields.has(UpgradeRequest.KIND_FIELD)) {
        fields.put(UpgradeRequest.KIND_FIELD, entry.getKey());
      }
      defaults.put(
          entry.getKey(),
          value.isNull() ? null : ctxt.readTreeAsValue(value, UpgradeRequest.class));
    }
    return defaults;
  }
}
