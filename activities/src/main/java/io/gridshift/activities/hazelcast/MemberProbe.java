package io.gridshift.activities.hazelcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one member over its REST endpoint: {@code GET /hazelcast/health} (HEALTH_CHECK group) for
 * its state, {@code GET /hazelcast/rest/cluster} (CLUSTER_READ) for its own version and UUID (the
 * member marked {@code localMember}) and the UUIDs of every member it sees, {@code GET
 * /hazelcast/rest/management/cluster/version} for the cluster version. A member that does not
 * answer is reported unreachable, never thrown: during a roll some member is always down. Over TLS
 * ({@link MemberTls}) it asks https with a client that trusts only the grid's CA; a certificate
 * that CA does not trust is not "down" but a configuration error, thrown (InvalidRequest) with what
 * to fix.
 */
final class MemberProbe {
  private static final Logger LOG = LoggerFactory.getLogger(MemberProbe.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration timeout;

  /**
   * One HTTP client per trust (the plain one under the empty key, else per CA PEM): a client owns a
   * selector thread and a connection pool, too much to build on every poll.
   */
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  MemberProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * The health of the member of {@code pod} at {@code address} (host:port), asked concurrently,
   * over {@code tls} when present. The future fails with an InvalidRequest ApplicationFailure when
   * {@code tls} does not trust the member's certificate.
   */
  CompletableFuture<MemberHealth> health(String pod, String address, Optional<MemberTls> tls) {
    String member = "pod " + pod + " at " + address;
    CompletableFuture<JsonNode> health = get(address, "/hazelcast/health", tls, member);
    CompletableFuture<JsonNode> cluster = get(address, "/hazelcast/rest/cluster", tls, member);
    return health.thenCombine(cluster, (h, c) -> toHealth(pod, address, h, c));
  }

  /**
   * The cluster version (like 5.3) the member at {@code address} reports over {@code tls} when
   * present, or null.
   */
  String clusterVersion(String address, Optional<MemberTls> tls) {
    JsonNode version =
        await(get(address, "/hazelcast/rest/management/cluster/version", tls, address));
    return version == null || !version.hasNonNull("version")
        ? null
        : version.get("version").asText();
  }

  /**
   * {@code future}'s value; an ApplicationFailure it failed with is thrown as itself, not wrapped,
   * so Temporal sees its type and message.
   */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ApplicationFailure failure) {
        throw failure;
      }
      throw e;
    }
  }

  static MemberHealth unreachable(String pod, String address) {
    return new MemberHealth(pod, address, null, null, null, false, 0, 0, false, null, List.of());
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
        true,
        local(c, "uuid"),
        memberUuids(c));
  }

  /** The memberVersion of the entry marked localMember: the member answering. */
  private static String localVersion(JsonNode cluster) {
    return local(cluster, "memberVersion");
  }

  /** Field {@code field} of the entry marked localMember (the member answering), or null. */
  private static String local(JsonNode cluster, String field) {
    if (cluster == null) {
      return null;
    }
    for (JsonNode member : cluster.path("members")) {
      if (member.path("localMember").asBoolean(false)) {
        return text(member, field);
      }
    }
    return null;
  }

  /**
   * The UUIDs of every member the answering member sees, sorted; empty when it did not say (then
   * the safety decision cannot show it is in one cluster with the others, and says so).
   */
  private static List<String> memberUuids(JsonNode cluster) {
    if (cluster == null) {
      return List.of();
    }
    List<String> uuids = new ArrayList<>();
    for (JsonNode member : cluster.path("members")) {
      String uuid = text(member, "uuid");
      if (uuid != null) {
        uuids.add(uuid);
      }
    }
    Collections.sort(uuids);
    return List.copyOf(uuids);
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  /** The JSON body of a 200 answer, or null (logged) for anything else. */
  private CompletableFuture<JsonNode> get(
      String address, String path, Optional<MemberTls> tls, String member) {
    URI uri = URI.create((tls.isPresent() ? "https://" : "http://") + address + path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return client(tls)
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
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
              if (tls.isPresent() && MemberTls.untrusted(e)) {
                throw new CompletionException(
                    Failures.invalidRequest(tls.get().untrustedMessage(member, e)));
              }
              LOG.debug("GET {} failed: {}", uri, e.toString());
              return null;
            });
  }

  private HttpClient client(Optional<MemberTls> tls) {
    return clients.computeIfAbsent(
        tls.map(MemberTls::caPem).orElse(""),
        key -> {
          HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
          tls.ifPresent(t -> builder.sslContext(t.sslContext()));
          return builder.build();
        });
  }
}
