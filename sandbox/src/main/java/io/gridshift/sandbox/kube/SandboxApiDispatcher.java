package io.gridshift.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The fabric8 CRUD dispatcher plus the few things kube-apiserver does synchronously on every write
 * and that the sandbox's clients rely on:
 *
 * <ol>
 *   <li>{@code metadata.generation}: 1 on create, +1 whenever {@code spec} changes, unchanged by
 *       status or metadata writes ({@code kubectl rollout status} compares it with
 *       observedGeneration).
 *   <li>Defaults for the fields rollout logic reads: StatefulSet, Deployment and DeploymentConfig
 *       strategies, replicas, Pod grace period, Service type and ports.
 *   <li>Services get a {@code spec.clusterIP} from a loopback pool (headless {@code None} stays);
 *       Routes without a host get one from the same pool (OpenShift would generate a host name).
 *   <li>Pods get the kubelet's finalizer, so a DELETE only marks them (deletionTimestamp) and the
 *       object stays until the kubelet has stopped the process: graceful deletion as in a cluster.
 *   <li>Secrets: {@code stringData} is folded into base64 {@code data}.
 *   <li>Deletion timestamps are RFC 3339 (the mock writes a local time without a zone).
 * </ol>
 *
 * <p>With an {@link RbacAuthorizer}, requests of an enforced identity that its RBAC does not allow
 * are answered 403 before any of this.
 */
final class SandboxApiDispatcher extends KubernetesCrudDispatcher {
  /** The finalizer that makes pod deletion wait for the kubelet. */
  static final String KUBELET_FINALIZER = "sandbox.gridshift.io/kubelet";

  private final LoopbackPool clusterIps;

  /** Refuses what an enforced identity may not do; null: no RBAC, every request goes through. */
  private final RbacAuthorizer authorizer;

  /** The state this thread's request stored last, so the response shows what was stored. */
  private final ThreadLocal<String> stored = new ThreadLocal<>();

  SandboxApiDispatcher(LoopbackPool clusterIps, RbacAuthorizer authorizer) {
    this.clusterIps = clusterIps;
    this.authorizer = authorizer;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if (path != null && (path.equals("/version") || path.startsWith("/version?"))) {
      return new MockResponse().setResponseCode(200).setBody(VERSION);
    }
    if (path != null && "GET".equalsIgnoreCase(request.getMethod())) {
      Optional<String> discovery = ApiDiscovery.document(path);
      if (discovery.isPresent()) {
        return new MockResponse()
            .setResponseCode(200)
            .addHeader("Content-Type", "application/json")
            .setBody(discovery.get());
      }
    }
    if (authorizer != null) {
      Optional<MockResponse> denied = authorizer.deny(request);
      if (denied.isPresent()) {
        return denied.get();
      }
    }
    Optional<PodExec.Call> exec = PodExec.parse(path);
    if (exec.isPresent()) {
      PodExec.Call call = exec.get();
      MockResponse pod =
          handleGet("/api/v1/namespaces/" + call.namespace() + "/pods/" + call.pod());
      return PodExec.respond(call, pod.code() == 200 ? pod.getBody().readUtf8() : null);
    }
    if (path != null && "GET".equalsIgnoreCase(request.getMethod())) {
      Optional<EventFieldSelector.Selection> events = EventFieldSelector.of(path);
      if (events.isPresent()) {
        return eventsOf(events.get());
      }
    }
    stored.remove();
    try {
      MockResponse response = super.dispatch(request);
      String state = stored.get();
      boolean write = !"GET".equalsIgnoreCase(request.getMethod());
      if (write && state != null && response.code() / 100 == 2) {
        response.setBody(state);
      }
      return response;
    } finally {
      stored.remove();
    }
  }

  /** Lists as the mock does, keeping the Events that {@code selection} selects. */
  private MockResponse eventsOf(EventFieldSelector.Selection selection) {
    MockResponse response = handleGet(selection.path());
    if (response.code() != 200) {
      return response;
    }
    return response.setBody(selection.filter(response.getBody().readUtf8()));
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    String oldState = oldAttributes == null ? null : map.get(oldAttributes);
    String state = newState;
    if (newState != null) {
      state = admit(read(oldState), (ObjectNode) read(newState));
      stored.set(state);
    } else if (oldState != null) {
      forget(read(oldState));
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, state);
  }

  private String admit(JsonNode old, ObjectNode object) {
    String kind = object.path("kind").asText();
    ObjectNode metadata = object.withObjectProperty("metadata");
    switch (kind) {
      case "Service" -> assignClusterIp(old, object);
      case "Route" -> assignRouteHost(old, object);
      case "Pod" -> ApiDefaults.pod(old, object);
      case "Secret" -> foldStringData(object);
      case "StatefulSet" -> ApiDefaults.statefulSet(object);
      case "Deployment" -> ApiDefaults.deployment(object);
      case "DeploymentConfig" -> ApiDefaults.deploymentConfig(object);
      default -> {}
    }
    touchGeneration(old, object, metadata);
    fixDeletionTimestamp(old, metadata);
    return Serialization.asJson(object);
  }

  /** kube-apiserver's rule: the generation counts spec changes, nothing else. */
  private static void touchGeneration(JsonNode old, ObjectNode object, ObjectNode metadata) {
    if (old == null) {
      metadata.put("generation", 1);
      return;
    }
    long generation = old.path("metadata").path("generation").asLong(1);
    boolean specChanged = !old.path("spec").equals(object.path("spec"));
    metadata.put("generation", specChanged ? generation + 1 : generation);
  }

  private static void fixDeletionTimestamp(JsonNode old, ObjectNode metadata) {
    String previous =
        old == null ? null : old.path("metadata").path("deletionTimestamp").asText(null);
    String current = metadata.path("deletionTimestamp").asText(null);
    if (current == null) {
      return;
    }
    if (previous != null && previous.endsWith("Z")) {
      metadata.put("deletionTimestamp", previous);
    } else if (!current.endsWith("Z")) {
      metadata.put("deletionTimestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }

  private void assignClusterIp(JsonNode old, ObjectNode service) {
    ObjectNode spec = service.withObjectProperty("spec");
    ApiDefaults.service(spec);
    String requested = spec.path("clusterIP").asText("");
    String previous = old == null ? "" : old.path("spec").path("clusterIP").asText("");
    String ip;
    if (!previous.isEmpty()) {
      ip = previous; // immutable once assigned
    } else if (requested.isEmpty()) {
      ip = clusterIps.allocate();
    } else {
      ip = requested;
      clusterIps.reserve(ip);
    }
    spec.put("clusterIP", ip);
    spec.putArray("clusterIPs").add(ip);
  }

  /**
   * A Route without {@code spec.host} gets an address of the Service pool, where {@link
   * ServiceRouter} serves it (OpenShift generates a host name under the router's domain instead); a
   * host once set stays.
   */
  private void assignRouteHost(JsonNode old, ObjectNode route) {
    ObjectNode spec = route.withObjectProperty("spec");
    String previous = old == null ? "" : old.path("spec").path("host").asText("");
    String requested = spec.path("host").asText("");
    if (!previous.isEmpty() && (requested.isEmpty() || requested.equals(previous))) {
      spec.put("host", previous);
    } else if (requested.isEmpty()) {
      spec.put("host", clusterIps.allocate());
    } else {
      clusterIps.reserve(requested);
    }
  }

  private void forget(JsonNode old) {
    if ("Service".equals(old.path("kind").asText())) {
      clusterIps.release(old.path("spec").path("clusterIP").asText(null));
    }
    if ("Route".equals(old.path("kind").asText())) {
      clusterIps.release(old.path("spec").path("host").asText(null));
    }
  }

  private static void foldStringData(ObjectNode secret) {
    JsonNode stringData = secret.remove("stringData");
    if (stringData == null || !stringData.isObject()) {
      return;
    }
    ObjectNode data = secret.withObjectProperty("data");
    Iterator<Map.Entry<String, JsonNode>> fields = stringData.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      byte[] bytes = field.getValue().asText().getBytes(StandardCharsets.UTF_8);
      data.put(field.getKey(), Base64.getEncoder().encodeToString(bytes));
    }
  }

  private static JsonNode read(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Serialization.jsonMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("sandbox API server: stored object is not JSON: " + json, e);
    }
  }

  private static final String VERSION =
      "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0-gridshift-sandbox\","
          + "\"platform\":\"linux/amd64\"}";
}
