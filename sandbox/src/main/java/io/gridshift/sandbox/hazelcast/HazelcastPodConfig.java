package io.gridshift.sandbox.hazelcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a pod's Hazelcast configuration, written for Kubernetes, into one that works on loopback:
 * the user's maps, properties and everything else stay; the network is replaced (bind address = pod
 * IP, fixed port, tcp-ip join over the workload's pods; Kubernetes, multicast, auto-detection and
 * cloud discovery off) and the health REST endpoint is enabled for the readiness probe. Pure
 * functions, no I/O.
 */
public final class HazelcastPodConfig {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private HazelcastPodConfig() {}

  /**
   * The loopback version of {@code userYaml}.
   *
   * @param userYaml the pod's {@code hazelcast.yaml} (a document with a {@code hazelcast:} root)
   * @param clusterName cluster name to set when the config names none
   * @param podIp the address to bind
   * @param port the member port
   * @param members {@code ip:port} of the workload's members, this one included
   * @throws IllegalArgumentException when {@code userYaml} is not a Hazelcast YAML config
   */
  static String loopback(
      String userYaml, String clusterName, String podIp, int port, List<String> members) {
    ObjectNode hazelcast = hazelcastRoot(userYaml);
    if (!hazelcast.hasNonNull("cluster-name")) {
      hazelcast.put("cluster-name", clusterName);
    }
    ObjectNode properties = object(hazelcast, "properties");
    properties.put("hazelcast.local.localAddress", podIp);
    properties.put("hazelcast.socket.bind.any", "false");
    ObjectNode network = object(hazelcast, "network");
    network.remove("public-address"); // a Kubernetes address would be advertised to peers
    network.putObject("port").put("auto-increment", false).put("port", port);
    network.putObject("interfaces").put("enabled", false);
    ObjectNode join = network.putObject("join"); // drops kubernetes, aws, discovery-strategies...
    join.putObject("auto-detection").put("enabled", false);
    join.putObject("multicast").put("enabled", false);
    ObjectNode tcpIp = join.putObject("tcp-ip").put("enabled", true);
    ArrayNode list = tcpIp.putArray("member-list");
    members.forEach(list::add);
    ObjectNode rest = object(network, "rest-api").put("enabled", true);
    object(object(rest, "endpoint-groups"), "HEALTH_CHECK").put("enabled", true);
    if (hazelcast.path("advanced-network").path("enabled").asBoolean(false)) {
      // The advanced network would replace everything above; the sandbox runs the plain one.
      ((ObjectNode) hazelcast.get("advanced-network")).put("enabled", false);
    }
    try {
      return YAML.writeValueAsString(YAML.createObjectNode().set("hazelcast", hazelcast));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write Hazelcast YAML: " + e.getMessage(), e);
    }
  }

  /** The config's {@code cluster-name}, or null when it sets none. */
  public static String clusterName(String userYaml) {
    JsonNode name = hazelcastRoot(userYaml).get("cluster-name");
    return name == null || name.isNull() ? null : name.asText();
  }

  /**
   * {@code JAVA_OPTS} tokens the sandbox passes on: all but {@code -Dhazelcast.config} (the sandbox
   * writes its own file), {@code -Dhz.network.*} overrides (they would undo the loopback network)
   * and heap sizing (percentages of a container limit mean the whole host here; the sandbox sizes
   * heaps itself). Tokens are split on whitespace; quotes are not interpreted.
   */
  static List<String> jvmOptions(String javaOpts) {
    List<String> options = new ArrayList<>();
    if (javaOpts == null || javaOpts.isBlank()) {
      return options;
    }
    for (String token : javaOpts.trim().split("\\s+")) {
      String lower = token.toLowerCase(Locale.ROOT);
      boolean dropped =
          lower.startsWith("-dhazelcast.config=")
              || lower.startsWith("-dhz.network.")
              || lower.startsWith("-xmx")
              || lower.startsWith("-xms")
              || lower.matches("-xx:(max|min|initial)rampercentage=.*");
      if (!dropped) {
        options.add(token);
      }
    }
    return options;
  }

  /** The container's environment minus {@code HZ_NETWORK_*} overrides (see {@link #jvmOptions}). */
  static Map<String, String> env(Map<String, String> env) {
    Map<String, String> kept = new LinkedHashMap<>(env);
    kept.keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("HZ_NETWORK_"));
    return kept;
  }

  private static ObjectNode hazelcastRoot(String userYaml) {
    JsonNode doc;
    try {
      doc = YAML.readTree(userYaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "hazelcast.yaml is not valid YAML (" + e.getOriginalMessage() + "); fix the ConfigMap",
          e);
    }
    if (doc == null || doc.isMissingNode() || doc.isNull()) {
      return YAML.createObjectNode();
    }
    JsonNode root = doc.get("hazelcast");
    if (!doc.isObject() || root == null || !(root.isObject() || root.isNull())) {
      throw new IllegalArgumentException(
          "hazelcast.yaml has no 'hazelcast:' root mapping; a Hazelcast 5 member config starts"
              + " with 'hazelcast:'");
    }
    return root.isNull() ? YAML.createObjectNode() : ((ObjectNode) root).deepCopy();
  }

  /** {@code parent.name} as an object, created (or replacing a scalar) when it is not one. */
  private static ObjectNode object(ObjectNode parent, String name) {
    JsonNode child = parent.get(name);
    return child instanceof ObjectNode o ? o : parent.putObject(name);
  }
}
