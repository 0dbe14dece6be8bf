package io.gridshift.starter.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.starter.FleetSpecReader;
import io.gridshift.starter.FleetSummary;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.fleet.FleetStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Fleets through the REST service ({@code /api/fleets}), over {@link RestClient}'s connection,
 * credentials and error mapping; the identity recorded is the server's authenticated user.
 */
final class RestFleetClient implements FleetClient {
  /** A dry run waits for the plan: discovery through every cluster's agent and every child's. */
  private static final Duration DRY_RUN_TIMEOUT = Duration.ofMinutes(5);

  private final RestClient rest;

  RestFleetClient(RestClient rest) {
    this.rest = rest;
  }

  @Override
  public Started start(String specText, boolean dryRun) {
    String body = json(specText);
    HttpResponse<String> response =
        rest.exchange(
            "POST",
            "/api/fleets" + (dryRun ? "?dryRun=true" : ""),
            body,
            dryRun ? DRY_RUN_TIMEOUT : RestClient.TIMEOUT);
    JsonNode answer = response.statusCode() == 422 ? rest.refusedPlan(response) : null;
    boolean refused = answer != null;
    answer = refused ? answer : rest.checked(response);
    String id = answer.path("workflowId").asText();
    if (answer.path("dryRun").asBoolean(false)) {
      FleetStatus plan = rest.read(answer.path("plan"), FleetStatus.class);
      return new Started(id, null, plan, refused ? answer.path("message").asText() : null);
    }
    return new Started(id, answer.path("url").asText(null), null, null);
  }

  /** The spec as JSON: a YAML file is converted here, so the server reads one format. */
  private static String json(String specText) {
    if (FleetSpecReader.isJson(specText)) {
      return specText;
    }
    try {
      return FleetSpecReader.toJson(specText);
    } catch (InvalidRequestException e) {
      throw new CliException(ExitCodes.INVALID, "invalid fleet spec:", e.problems());
    }
  }

  @Override
  public FleetStatus status(String workflowId) {
    JsonNode body = rest.send("GET", fleet(workflowId), null, RestClient.TIMEOUT);
    return rest.read(body, FleetStatus.class);
  }

  @Override
  public List<FleetSummary> list() {
    JsonNode body = rest.send("GET", "/api/fleets", null, RestClient.TIMEOUT);
    return rest.read(body, new TypeReference<List<FleetSummary>>() {});
  }

  @Override
  public AuditEntry decide(String workflowId, String gate, boolean approve, String comment) {
    String path =
        fleet(workflowId)
            + "/gates/"
            + RestClient.segment(gate)
            + (approve ? "/approve" : "/reject");
    return post(path, comment);
  }

  @Override
  public AuditEntry control(String workflowId, String action, String comment) {
    return post(fleet(workflowId) + "/" + action, comment);
  }

  @Override
  public AuditEntry grid(String workflowId, String action, String grid, String comment) {
    // FleetCommands has checked the form cluster/namespace/name.
    String[] parts = grid.split("/", -1);
    String path =
        fleet(workflowId)
            + "/grids/"
            + RestClient.segment(parts[0])
            + "/"
            + RestClient.segment(parts[1])
            + "/"
            + RestClient.segment(parts[2])
            + "/"
            + action;
    return post(path, comment);
  }

  private AuditEntry post(String path, String comment) {
    return rest.read(
        rest.send("POST", path, rest.comment(comment), RestClient.TIMEOUT), AuditEntry.class);
  }

  private static String fleet(String workflowId) {
    return "/api/fleets/" + RestClient.segment(workflowId);
  }
}
