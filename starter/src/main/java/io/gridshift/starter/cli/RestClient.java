package io.gridshift.starter.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridshift.starter.Json;
import io.gridshift.starter.UpgradeFilter;
import io.gridshift.starter.UpgradeSummary;
import io.gridshift.starter.server.web.CrossSiteGuard;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Talks to the gridshift REST service ({@code ./gridshift server}). The identity recorded in the
 * audit log is the server's authenticated user ({@link RestCredentials}), never a CLI option.
 */
final class RestClient implements UpgradeClient {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A dry run waits for the plan, which inspects the cluster. */
  private static final Duration DRY_RUN_TIMEOUT = Duration.ofMinutes(3);

  private final URI server;
  private final RestCredentials credentials;
  private final HttpClient http;

  // A tolerant reader: fields the server adds later must not break older CLIs.
  private final ObjectMapper json =
      Json.mapper()
          .copy()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.INDENT_OUTPUT, false);

  RestClient(URI server, RestCredentials credentials) {
    this.server = server;
    this.credentials = credentials;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public Started start(String requestJson, boolean dryRun) {
    String path = "/api/upgrades" + (dryRun ? "?dryRun=true" : "");
    HttpResponse<String> response =
        exchange("POST", path, requestJson, dryRun ? DRY_RUN_TIMEOUT : TIMEOUT);
    JsonNode body = response.statusCode() == 422 ? refusedPlan(response) : null;
    body = body != null ? body : checked(response);
    String id = body.path("workflowId").asText();
    if (body.path("dryRun").asBoolean(false)) {
      List<String> problems = new ArrayList<>();
      body.path("problems").forEach(p -> problems.add(p.asText()));
      return new Started(id, null, read(body.path("plan"), UpgradeStatus.class), problems);
    }
    return Started.upgrade(id, body.path("url").asText(null));
  }

  /** The body of a 422 that refuses a dry run's plan (it carries the plan), else null. */
  JsonNode refusedPlan(HttpResponse<String> response) {
    try {
      JsonNode body = json.readTree(response.body());
      return body != null && body.path("dryRun").asBoolean(false) && body.has("plan") ? body : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public UpgradeStatus status(String workflowId) {
    JsonNode body = send("GET", "/api/upgrades/" + segment(workflowId), null, TIMEOUT);
    return read(body, UpgradeStatus.class);
  }

  @Override
  public List<UpgradeSummary> list(UpgradeFilter filter) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    addParam(query, "cluster", filter.cluster());
    addParam(query, "grid", filter.grid());
    addParam(query, "namespace", filter.namespace());
    addParam(query, "status", filter.status());
    JsonNode body = send("GET", "/api/upgrades" + query, null, TIMEOUT);
    return read(body, new TypeReference<List<UpgradeSummary>>() {});
  }

  @Override
  public AuditEntry decide(String workflowId, String gate, boolean approve, String comment) {
    String path =
        "/api/upgrades/"
            + segment(workflowId)
            + "/gates/"
            + segment(gate)
            + (approve ? "/approve" : "/reject");
    JsonNode body = send("POST", path, comment(comment), TIMEOUT);
    return read(body, AuditEntry.class);
  }

  @Override
  public AuditEntry control(String workflowId, String action, String comment) {
    String path = "/api/upgrades/" + segment(workflowId) + "/" + action;
    return read(send("POST", path, comment(comment), TIMEOUT), AuditEntry.class);
  }

  @Override
  public FleetClient fleets() {
    return new RestFleetClient(this);
  }

  @Override
  public void close() {
    // HttpClient (Java 17) has no close; its threads are daemons.
  }

  JsonNode send(String method, String path, String body, Duration timeout) {
    return checked(exchange(method, path, body, timeout));
  }

  /** The body of a successful answer; an error answer becomes a {@link CliException}. */
  JsonNode checked(HttpResponse<String> response) {
    if (response.statusCode() >= 300) {
      throw RestErrors.of(response, server, credentials, json);
    }
    return readBody(response);
  }

  HttpResponse<String> exchange(String method, String path, String body, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            // The server refuses state-changing calls without it (cross-site request forgery).
            .header(CrossSiteGuard.HEADER, "1")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (credentials.header() != null) {
      request.header("Authorization", credentials.header());
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable();
    } catch (IOException e) {
      throw e.getCause() instanceof ConnectException ? unreachable() : failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted while waiting for " + server);
    }
  }

  /** The server URL without a trailing slash, so a path prefix (behind a proxy) is kept. */
  private String base() {
    String url = server.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private JsonNode readBody(HttpResponse<String> response) {
    String text = response.body();
    try {
      return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "the server at " + server + " answered with something that is not JSON: " + text);
    }
  }

  <T> T read(JsonNode body, Class<T> type) {
    return read(body, json.getTypeFactory().constructType(type));
  }

  <T> T read(JsonNode body, TypeReference<T> type) {
    return read(body, json.getTypeFactory().constructType(type));
  }

  private <T> T read(JsonNode body, com.fasterxml.jackson.databind.JavaType type) {
    try {
      return json.convertValue(body, type);
    } catch (IllegalArgumentException e) {
      // A server of another gridshift version: say so rather than pretend the command was wrong.
      throw new CliException(
          ExitCodes.FAILED,
          "the server at "
              + server
              + " answered something this CLI cannot read (a different gridshift version?): "
              + e.getMessage());
    }
  }

  String comment(String comment) {
    try {
      return json.writeValueAsString(comment == null ? Map.of() : Map.of("comment", comment));
    } catch (IOException e) {
      throw new IllegalStateException("cannot render a comment as JSON", e);
    }
  }

  private CliException unreachable() {
    return new CliException(
        ExitCodes.FAILED,
        "cannot reach gridshift server at " + server + ": is `./gridshift server` running?");
  }

  private CliException failed(IOException e) {
    return new CliException(
        ExitCodes.FAILED, "talking to the gridshift server at " + server + " failed: " + e);
  }

  private static void addParam(StringJoiner query, String name, String value) {
    if (value != null && !value.isBlank()) {
      query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
