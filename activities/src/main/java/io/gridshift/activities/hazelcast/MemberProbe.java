package io.gridshift.activities.hazelcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one member over its REST endpoint: {@code GET /hazelcast/health} (HEALTH_CHECK group) for
 * its state, {@code GET /hazelcast/rest/cluster} (CLUSTER_READ) for its own version (the member
 * marked {@code localMember}), {@code GET /hazelcast/rest/management/cluster/version} for the
 * cluster version. A member that does not answer is reported unreachable, never thrown: during a
 * roll some member is always down.
 */
final class MemberProbe {
  private static final Logger LOG = LoggerFactory.getLogger(MemberProbe.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  MemberProbe(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The health of the member of {@code pod} at {@code address} (host:port), asked concurrently. */
  CompletableFuture<MemberHealth> health(String pod, String address) {
    CompletableFuture<JsonNode> health = get(address, "/hazelcast/health");
    CompletableFuture<JsonNode> cluster = get(address, "/hazelcast/rest/cluster");
    return health.thenCombine(cluster, (h, c) -> toHealth(pod, address, h, c));
  }

  /** The cluster version (like 5.3) the member at {@code address} reports, or null. */
  String clusterVersion(String address) {
    JsonNode version = get(address, "/hazelcast/rest/management/cluster/version").join();
    return version == null || !version.hasNonNull("version")
        ? null
        : version.get("version").asText();
  }

  static MemberHealth unreachable(String pod, String address) {
    return new MemberHealth(pod, address, null, null, null, false, 0, 0, false);
  }

  private static MemberHealth toHealth(String pod, String address, JsonNode h, JsonNode c) {
    if (h == null) {
      return unreachable(pod, address);
    }
    return new MemberHealth(
        pod,
        address,
        localVersion(c),
        text(h, "nodeState"),
        text(h, "clusterState"),
        h.path("clusterSafe").asBoolean(false),
        h.path("migrationQueueSize").asInt(0),
        h.path("clusterSize").asInt(0),
        true);
  }

  /** The memberVersion of the entry marked localMember: the member answering. */
  private static String localVersion(JsonNode cluster) {
    if (cluster == null) {
      return null;
    }
    for (JsonNode member : cluster.path("members")) {
      if (member.path("localMember").asBoolean(false)) {
        return text(member, "memberVersion");
      }
    }
    return null;
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  /** The JSON body of a 200 answer, or null (logged) for anything else. */
  private CompletableFuture<JsonNode> get(String address, String path) {
    URI uri = URI.create("http://" + address + path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                LOG.debug("GET {} answered {}: {}", uri, response.statusCode(), response.body());
                return (JsonNode) null;
              }
              try {
                return JSON.readTree(response.body());
              } catch (java.io.IOException e) {
                LOG.debug("GET {} answered no JSON: {}", uri, response.body());
                return null;
              }
            })
        .exceptionally(
            e -> {
              LOG.debug("GET {} failed: {}", uri, e.toString());
              return null;
            });
  }
}
