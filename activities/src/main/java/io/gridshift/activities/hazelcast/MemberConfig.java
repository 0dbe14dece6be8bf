package io.gridshift.activities.hazelcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.hazelcast.activities.MemberFeatures;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The parts of a Hazelcast member configuration (hazelcast.yaml or hazelcast.xml) an upgrade
 * depends on: cluster name, {@code properties}, and each map's backup-count.
 *
 * @param clusterName {@code cluster-name}, or null when not set (Hazelcast's default is {@code
 *     dev})
 * @param properties the {@code properties} section
 * @param mapBackupCounts backup-count per map name that sets one ({@code default} included)
 * @param sslEnabled whether {@code network.ssl.enabled} is true: the member port (client protocol
 *     and REST) speaks TLS, a Hazelcast Enterprise feature ({@link MemberTls})
 * @param features CP Subsystem and serialization ({@link MemberFeaturesReader})
 */
record MemberConfig(
    String clusterName,
    Map<String, String> properties,
    Map<String, Integer> mapBackupCounts,
    boolean sslEnabled,
    MemberFeatures features) {

  static final MemberConfig EMPTY =
      new MemberConfig(null, Map.of(), Map.of(), false, MemberFeatures.NONE);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Parses YAML ({@code source} names where it came from, for error messages). */
  static MemberConfig fromYaml(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw Failures.invalidRequest(
          "%s is not valid YAML (%s); fix the member configuration"
              .formatted(source, e.getMessage()));
    }
    JsonNode hz = root == null ? null : root.get("hazelcast");
    if (hz == null || !hz.isObject()) {
      return EMPTY;
    }
    Map<String, String> properties = new LinkedHashMap<>();
    JsonNode props = hz.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      properties.put(e.getKey(), e.getValue().asText());
    }
    Map<String, Integer> backups = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = hz.path("map").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode count = e.getValue().get("backup-count");
      if (count != null && !count.isNull()) {
        backups.put(e.getKey(), count.asInt());
      }
    }
    JsonNode name = hz.get("cluster-name");
    return new MemberConfig(
        name == null || name.isNull() ? null : name.asText(),
        properties,
        backups,
        hz.path("network").path("ssl").path("enabled").asBoolean(false),
        MemberFeaturesReader.fromYaml(hz));
  }

  /** Parses XML ({@code source} names where it came from, for error messages). */
  static MemberConfig fromXml(String xml, String source) {
    Element root;
    try {
      root = parseXml(xml).getDocumentElement();
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw Failures.invalidRequest(
          "%s is not valid XML (%s); fix the member configuration"
              .formatted(source, e.getMessage()));
    }
    String clusterName = null;
    Map<String, String> properties = new LinkedHashMap<>();
    Map<String, Integer> backups = new LinkedHashMap<>();
    boolean ssl = false;
    for (Element child : children(root)) {
      switch (child.getLocalName()) {
        case "cluster-name" -> clusterName = child.getTextContent().trim();
        case "network" -> ssl = sslEnabled(child);
        case "properties" -> {
          for (Element p : children(child)) {
            if ("property".equals(p.getLocalName())) {
              properties.put(p.getAttribute("name"), p.getTextContent().trim());
            }
          }
        }
        case "map" -> {
          for (Element setting : children(child)) {
            if ("backup-count".equals(setting.getLocalName())) {
              backups.put(child.getAttribute("name"), parseInt(setting, source));
            }
          }
        }
        default -> {
          // Other sections do not affect the upgrade.
        }
      }
    }
    return new MemberConfig(
        clusterName, properties, backups, ssl, MemberFeaturesReader.fromXml(root));
  }

  /** Whether {@code <network>} holds {@code <ssl enabled="true">}. */
  private static boolean sslEnabled(Element network) {
    for (Element setting : children(network)) {
      if ("ssl".equals(setting.getLocalName())
          && "true".equalsIgnoreCase(setting.getAttribute("enabled").trim())) {
        return true;
      }
    }
    return false;
  }

  private static int parseInt(Element element, String source) {
    try {
      return Integer.parseInt(element.getTextContent().trim());
    } catch (NumberFormatException e) {
      throw Failures.invalidRequest(
          "%s: backup-count '%s' is not a number; fix the member configuration"
              .formatted(source, element.getTextContent().trim()));
    }
  }

  private static Document parseXml(String xml)
      throws ParserConfigurationException, IOException, SAXException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // A ConfigMap is input from the cluster: no DTDs, no external entities.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new InputSource(new StringReader(xml)));
  }

  private static Iterable<Element> children(Element parent) {
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
