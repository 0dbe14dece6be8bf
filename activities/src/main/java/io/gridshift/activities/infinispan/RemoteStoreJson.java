package io.gridshift.activities.infinispan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The remote store a target cache uses to read through to its source cache, as the JSON body of
 * {@code POST /rest/v2/caches/{c}/rolling-upgrade/source-connection}. Pure.
 *
 * <p>Why each setting: {@code shared} so only one owner writes to the source; {@code raw-values}
 * because sync copies the source's stored bytes unchanged (targets up to 15.x; 16 rejects it);
 * {@code segmented=false} because the source's segments need not match the target's.
 */
final class RemoteStoreJson {
  /**
   * Realm of the source's Hot Rod digest (SASL DIGEST-MD5) authentication: the server's security
   * realm, {@code default} in the stock and operator-generated configurations.
   */
  static final String SOURCE_REALM = "default";

  private RemoteStoreJson() {}

  /** The body connecting {@code cache} to {@code host:port} (with digest when {@code user}). */
  static ObjectNode render(String cache, String host, int port, String user, String password) {
    return render(cache, host, port, user, password, null);
  }

  /**
   * The body connecting {@code cache} to {@code host:port}, over TLS when {@code sniHostName} is
   * given: the source's CA then comes from the trust store the target pods mount ({@link
   * SourceTrustStore}), named through the server's environment so that no path or password is in
   * the request, and the source certificate must carry {@code sniHostName}.
   */
  static ObjectNode render(
      String cache, String host, int port, String user, String password, String sniHostName) {
    ObjectNode store = InfinispanRest.JSON.createObjectNode();
    store.put("cache", cache);
    store.put("shared", true);
    store.put("raw-values", true);
    store.put("segmented", false);
    ObjectNode server = store.putArray("remote-server").addObject();
    server.put("host", host);
    server.put("port", port);
    if (user != null) {
      ObjectNode digest =
          store.putObject("security").putObject("authentication").putObject("digest");
      digest.put("username", user);
      digest.put("password", password);
      digest.put("realm", SOURCE_REALM);
    }
    if (sniHostName != null) {
      ObjectNode security =
          store.get("security") instanceof ObjectNode existing
              ? existing
              : store.putObject("security");
      ObjectNode encryption = security.putObject("encryption");
      encryption.put("sni-hostname", sniHostName);
      ObjectNode truststore = encryption.putObject("truststore");
      truststore.put("filename", "${env." + SourceTrustStore.FILE_ENV + "}");
      truststore.put("password", "${env." + SourceTrustStore.PASSWORD_ENV + "}");
      truststore.put("type", "pkcs12");
    }
    ObjectNode body = InfinispanRest.JSON.createObjectNode();
    body.set("remote-store", store);
    return body;
  }

  /**
   * A cache configuration ({@code {"<name>": {"distributed-cache": {...}}}} or {@code
   * {"distributed-cache": {...}}}) with the remote store of {@code connection} (a {@link #render}
   * result) as its persistence, in the unnamed form {@code POST /rest/v2/caches/{c}} accepts.
   */
  static ObjectNode withStore(String configJson, JsonNode connection) {
    JsonNode config;
    try {
      config = InfinispanRest.JSON.readTree(configJson);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("cache configuration is not JSON: " + e.getMessage(), e);
    }
    String first = config.fieldNames().hasNext() ? config.fieldNames().next() : "";
    if (config.size() == 1 && !first.endsWith("-cache")) {
      config = config.get(first); // {"<name>": {...}}: drop the name
    }
    ObjectNode unnamed = config.deepCopy();
    String type = unnamed.fieldNames().next();
    ObjectNode cache = (ObjectNode) unnamed.get(type);
    // Keep the cache's own stores (a file store, say): the remote store is added beside them.
    ObjectNode persistence =
        cache.get("persistence") instanceof ObjectNode existing
            ? existing
            : cache.putObject("persistence");
    persistence.set("remote-store", connection.get("remote-store").deepCopy());
    return unnamed;
  }

  /**
   * Whether the connection the target reports ({@code GET .../source-connection}) points where
   * {@code wanted} does, with the same user and password. The server echoes numbers as strings.
   */
  static boolean sameConnection(JsonNode current, JsonNode wanted) {
    JsonNode c = current.path("remote-store");
    JsonNode w = wanted.path("remote-store");
    JsonNode cServer = c.path("remote-server").path(0);
    JsonNode wServer = w.path("remote-server").path(0);
    JsonNode cDigest = c.path("security").path("authentication").path("digest");
    JsonNode wDigest = w.path("security").path("authentication").path("digest");
    return c.path("remote-server").size() == 1
        && text(c, "cache").equals(text(w, "cache"))
        && text(cServer, "host").equals(text(wServer, "host"))
        && text(cServer, "port").equals(text(wServer, "port"))
        && text(cDigest, "username").equals(text(wDigest, "username"))
        && text(cDigest, "password").equals(text(wDigest, "password"));
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText("");
  }
}
