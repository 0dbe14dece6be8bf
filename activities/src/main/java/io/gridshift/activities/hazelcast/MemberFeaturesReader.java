package io.gridshift.activities.hazelcast;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.workflows.hazelcast.activities.MemberFeatures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads {@link MemberFeatures} from a member configuration: {@code cp-subsystem.cp-member-count},
 * and the {@code serialization} entries that name classes of the application (data-serializable and
 * portable factories, custom and global serializers, compact serializers and classes), in the YAML
 * and XML shapes of Hazelcast 5.x's reference configuration, and each {@code map} configuration's
 * {@code event-journal} (what a blue-green upgrade follows while it copies).
 */
final class MemberFeaturesReader {
  private MemberFeaturesReader() {}

  /** From the {@code hazelcast} node of a YAML configuration. */
  static MemberFeatures fromYaml(JsonNode hz) {
    int cp = hz.path("cp-subsystem").path("cp-member-count").asInt(0);
    JsonNode s = hz.path("serialization");
    List<String> declared = new ArrayList<>();
    for (JsonNode f : s.path("data-serializable-factories")) {
      declared.add(factory("data-serializable", f.path("factory-id"), f.path("class-name")));
    }
    for (JsonNode f : s.path("portable-factories")) {
      declared.add(factory("portable", f.path("factory-id"), f.path("class-name")));
    }
    JsonNode serializers = s.path("serializers");
    JsonNode global = serializers.path("global-serializer").path("class-name");
    if (!global.isMissingNode()) {
      declared.add("global serializer " + global.asText());
    }
    for (JsonNode x : serializers.path("serializers")) {
      declared.add(
          "serializer " + x.path("class-name").asText() + " for " + x.path("type-class").asText());
    }
    JsonNode compact = s.path("compact-serialization");
    for (JsonNode x : compact.path("serializers")) {
      declared.add("compact serializer " + x.path("serializer").asText());
    }
    for (JsonNode x : compact.path("classes")) {
      declared.add("compact class " + x.path("class").asText());
    }
    return new MemberFeatures(cp, declared, journalsYaml(hz.path("map")));
  }

  /** Each map configuration's enabled journal capacity, 0 for none or a disabled one. */
  private static Map<String, Integer> journalsYaml(JsonNode maps) {
    Map<String, Integer> journals = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = maps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode journal = e.getValue().path("event-journal");
      boolean enabled = journal.path("enabled").asBoolean(false);
      journals.put(
          e.getKey(),
          enabled ? journal.path("capacity").asInt(MemberFeatures.DEFAULT_JOURNAL_CAPACITY) : 0);
    }
    return journals;
  }

  /** From the root {@code <hazelcast>} element of an XML configuration. */
  static MemberFeatures fromXml(Element root) {
    int cp = 0;
    List<String> declared = new ArrayList<>();
    Map<String, Integer> journals = new LinkedHashMap<>();
    for (Element section : children(root)) {
      if ("cp-subsystem".equals(section.getLocalName())) {
        for (Element setting : children(section)) {
          if ("cp-member-count".equals(setting.getLocalName())) {
            cp = parseOrZero(setting.getTextContent());
          }
        }
      } else if ("serialization".equals(section.getLocalName())) {
        serializationXml(section, declared);
      } else if ("map".equals(section.getLocalName())) {
        journals.put(section.getAttribute("name"), journalXml(section));
      }
    }
    return new MemberFeatures(cp, declared, journals);
  }

  /** {@code <event-journal enabled="true"><capacity>N</capacity>}: N, 0 when off or absent. */
  private static int journalXml(Element map) {
    for (Element setting : children(map)) {
      if ("event-journal".equals(setting.getLocalName())
          && "true".equalsIgnoreCase(setting.getAttribute("enabled").trim())) {
        for (Element x : children(setting)) {
          if ("capacity".equals(x.getLocalName())) {
            return parseOrZero(x.getTextContent());
          }
        }
        return MemberFeatures.DEFAULT_JOURNAL_CAPACITY;
      }
    }
    return 0;
  }

  private static void serializationXml(Element serialization, List<String> declared) {
    for (Element part : children(serialization)) {
      switch (part.getLocalName()) {
        case "data-serializable-factories", "portable-factories" -> {
          String kind = part.getLocalName().replace("-factories", "");
          for (Element f : children(part)) {
            declared.add(
                kind
                    + " factory "
                    + f.getAttribute("factory-id")
                    + ": "
                    + f.getTextContent().trim());
          }
        }
        case "serializers" -> {
          for (Element x : children(part)) {
            if ("global-serializer".equals(x.getLocalName())) {
              declared.add("global serializer " + x.getTextContent().trim());
            } else {
              declared.add(
                  "serializer "
                      + x.getAttribute("class-name")
                      + " for "
                      + x.getAttribute("type-class"));
            }
          }
        }
        case "compact-serialization" -> {
          for (Element group : children(part)) {
            String what = "classes".equals(group.getLocalName()) ? "class" : "serializer";
            for (Element x : children(group)) {
              declared.add("compact " + what + " " + x.getTextContent().trim());
            }
          }
        }
        default -> {
          // Byte order, checks and the like need no classes of the application.
        }
      }
    }
  }

  private static String factory(String kind, JsonNode id, JsonNode className) {
    return kind + " factory " + id.asText() + ": " + className.asText();
  }

  private static int parseOrZero(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 0; // Hazelcast would refuse to start on it: nothing the target could run either way
    }
  }

  private static List<Element> children(Element parent) {
    NodeList nodes = parent.getChildNodes();
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        elements.add((Element) nodes.item(i));
      }
    }
    return elements;
  }
}
