package io.gridshift.activities.infinispan;

import static io.gridshift.activities.infinispan.RestClient.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.ClusterHealth;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST admin API calls gridshift makes on one grid (Infinispan 14 and 15 answer them alike;
 * what 10.1 lacks, the server version's path without a slash and {@code /rest/v2/schemas}, is read
 * another way, see {@link #serverVersion()} and {@link #schemas()}). Each method maps the statuses
 * it knows; anything else becomes {@link Failures#unexpected}.
 */
final class InfinispanRest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The internal cache where every version keeps its Protobuf schemas. */
  static final String PROTOBUF_METADATA = "___protobuf_metadata";

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(InfinispanRest.class);

  private final RestClient rest;

  /** Set once {@link #schemas()} found no schemas endpoint: schemas are read from the cache. */
  private boolean schemasInCache;

  InfinispanRest(RestClient rest) {
    this.rest = rest;
  }

  GridAddress grid() {
    return rest.grid();
  }

  RestClient client() {
    return rest;
  }

  /**
   * The server's version text, {@code GET /rest/v2/server}'s {@code version} (the same path and
   * field from 10.1 to 16.0), or null when the answer has none.
   */
  String serverVersion() {
    RestResponse response = rest.get("/rest/v2/server");
    if (response.status() == 404) {
      response = rest.get("/rest/v2/server/"); // 10.1 routes the resource with its slash
    }
    if (!response.ok()) {
      // Not knowing the version is no reason to stop: the plan then goes by the image tag.
      LOG.warn(
          "{} answered {} to GET /rest/v2/server: version unknown",
          grid().describe(),
          response.status());
      return null;
    }
    String version = json(response.body()).path("version").asText(null);
    return version == null || version.isBlank() ? null : version;
  }

  /** Every cache name, internal ones included ({@code GET /rest/v2/caches}). */
  List<String> cacheNames() {
    JsonNode array = json(expectOk("listing caches", rest.get("/rest/v2/caches")));
    List<String> names = new ArrayList<>();
    // A list of names; tolerate a list of objects with a "name" as some versions' detailed form.
    array.forEach(n -> names.add(n.isTextual() ? n.asText() : n.path("name").asText()));
    return names;
  }

  boolean cacheExists(String cache) {
    RestResponse response = rest.head(cachePath(cache));
    if (response.status() == 404) {
      return false;
    }
    expectOk("checking cache '" + cache + "'", response);
    return true;
  }

  /** Cluster-wide entry count; on a connected target it includes entries only the source has. */
  long size(String cache) {
    RestResponse response = rest.get(cachePath(cache) + "?action=size");
    requireCache(cache, response, "reading its size");
    return Long.parseLong(expectOk("reading the size of cache '" + cache + "'", response).strip());
  }

  /** The cache's configuration as JSON, {@code {"<name>": {"distributed-cache": {...}}}}. */
  String configJson(String cache) {
    RestResponse response = rest.get(cachePath(cache) + "?action=config");
    requireCache(cache, response, "reading its configuration");
    return expectOk("reading the configuration of cache '" + cache + "'", response);
  }

  /** The cache's configuration as one XML element (no namespace). */
  String configXml(String cache) {
    RestResponse response =
        rest.send(
            "GET",
            cachePath(cache) + "?action=config",
            null,
            null,
            "application/xml",
            RestClient.DEFAULT_TIMEOUT);
    requireCache(cache, response, "reading its configuration");
    return expectOk("reading the XML configuration of cache '" + cache + "'", response);
  }

  /** The media type of stored keys and values, e.g. {@code application/x-protostream}. */
  String storageMediaType(String cache) {
    RestResponse response = rest.get(cachePath(cache));
    requireCache(cache, response, "reading its details");
    JsonNode details = json(expectOk("reading cache '" + cache + "'", response));
    String value = details.path("value_storage").asText(null);
    return value == null || value.isBlank() ? "application/unknown" : value;
  }

  /** Creates a cache from a JSON configuration; false when it already existed. */
  boolean createCache(String cache, String configJson) {
    RestResponse response =
        rest.send(
            "POST",
            cachePath(cache),
            "application/json",
            configJson,
            null,
            RestClient.DEFAULT_TIMEOUT);
    if (response.status() == 400 && response.body().contains("ISPN000507")) {
      return false; // "Cache ... already exists": created by a concurrent attempt
    }
    expectOk("creating cache '" + cache + "'", response);
    return true;
  }

  /** Removes a cache from the whole cluster; already gone is fine. */
  void deleteCache(String cache) {
    RestResponse response = rest.delete(cachePath(cache));
    if (response.status() != 404) {
      expectOk("deleting cache '" + cache + "'", response);
    }
  }

  /**
   * Names of the registered Protobuf schemas with their validation errors (null when valid). A
   * server without {@code /rest/v2/schemas} (10.1, Data Grid 8.0) keeps them as the {@code .proto}
   * entries of its {@value #PROTOBUF_METADATA} cache, read instead.
   */
  List<Schema> schemas() {
    RestResponse response = rest.get("/rest/v2/schemas");
    if (response.status() == 404) {
      schemasInCache = true;
      return schemasFromCache();
    }
    JsonNode array = json(expectOk("listing schemas", response));
    List<Schema> schemas = new ArrayList<>();
    array.forEach(n -> schemas.add(new Schema(n.path("name").asText(), errorOf(n.path("error")))));
    return schemas;
  }

  /** A schema's text, or null when it is not registered. */
  String schema(String name) {
    String path =
        schemasInCache
            ? cachePath(PROTOBUF_METADATA) + "/" + segment(name)
            : "/rest/v2/schemas/" + segment(name);
    RestResponse response = rest.get(path);
    return response.status() == 404 ? null : expectOk("reading schema " + name, response);
  }

  private List<Schema> schemasFromCache() {
    RestResponse keys = rest.get(cachePath(PROTOBUF_METADATA) + "?action=keys");
    if (keys.status() == 404) {
      return List.of(); // no schema was ever registered
    }
    List<Schema> schemas = new ArrayList<>();
    json(expectOk("listing the keys of " + PROTOBUF_METADATA, keys))
        .forEach(
            k -> {
              String key = k.asText();
              if (key.endsWith(".proto")) {
                schemas.add(new Schema(key, null));
              }
            });
    LOG.info(
        "{} has no /rest/v2/schemas: read {} schemas from {}",
        grid().describe(),
        schemas.size(),
        PROTOBUF_METADATA);
    return schemas;
  }

  /** Registers or replaces a schema; returns its validation error, or null when valid. */
  String putSchema(String name, String text) {
    RestResponse response =
        rest.send(
            "PUT",
            "/rest/v2/schemas/" + segment(name),
            "text/plain",
            text,
            null,
            RestClient.DEFAULT_TIMEOUT);
    return errorOf(json(expectOk("registering schema " + name, response)).path("error"));
  }

  /**
   * Cluster status and members: {@code GET /rest/v2/container/health} (15+), falling back to {@code
   * /rest/v2/cache-managers/default/health} on 14, where the former does not exist (and on 15 the
   * latter logs a deprecation warning per call).
   */
  ClusterHealth health() {
    RestResponse response = rest.get("/rest/v2/container/health");
    if (response.status() == 404) {
      response = rest.get("/rest/v2/cache-managers/default/health");
    }
    JsonNode cluster = json(expectOk("reading cluster health", response)).path("cluster_health");
    return new ClusterHealth(
        cluster.path("health_status").asText("UNKNOWN"), cluster.path("number_of_nodes").asInt());
  }

  static String cachePath(String cache) {
    return "/rest/v2/caches/" + segment(cache);
  }

  void requireCache(String cache, RestResponse response, String doing) {
    if (response.status() == 404) {
      throw grid().cacheNotFound(cache, doing + " returned 404");
    }
  }

  String expectOk(String action, RestResponse response) {
    if (!response.ok()) {
      throw grid().unexpected(action, response);
    }
    return response.body();
  }

  JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw Failures.nonRetryable(
          "grid " + grid().describe() + " answered with text that is not JSON: " + e.getMessage(),
          FailureTypes.INVALID_REQUEST);
    }
  }

  private static String errorOf(JsonNode error) {
    if (error == null || error.isNull() || error.isMissingNode()) {
      return null;
    }
    return error.isTextual() ? error.asText() : error.toString();
  }

  /**
   * A registered schema.
   *
   * @param name file name, e.g. {@code person.proto}
   * @param error validation error, or null
   */
  record Schema(String name, String error) {}
}
