package io.gridshift.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the REST service's error answers ({@code {"code","message","problems"}}) into {@link
 * CliException}s that say what to do, with the matching exit code.
 */
final class RestErrors {
  private RestErrors() {}

  static CliException of(
      HttpResponse<String> response, URI server, RestCredentials credentials, ObjectMapper json) {
    int status = response.statusCode();
    JsonNode body = parse(response.body(), json);
    String message = body.path("message").asText("");
    List<String> problems = new ArrayList<>();
    body.path("problems").forEach(p -> problems.add(p.asText()));
    if (message.isBlank()) {
      message = "HTTP " + status + " from " + response.request().uri();
    }
    return switch (status) {
      case 401 ->
          new CliException(
              ExitCodes.DENIED,
              "the gridshift server at " + server + " needs credentials: " + credentials.advice());
      case 403 -> new CliException(ExitCodes.DENIED, "refused by the server: " + message, problems);
      case 404 -> new CliException(ExitCodes.NOT_FOUND, message, problems);
      case 409 -> new CliException(ExitCodes.CONFLICT, message, problems);
      case 400, 422 -> new CliException(ExitCodes.INVALID, message, problems);
      default ->
          new CliException(
              ExitCodes.FAILED,
              "the gridshift server at " + server + " answered " + status + ": " + message,
              problems);
    };
  }

  private static JsonNode parse(String body, ObjectMapper json) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
      return node == null ? json.createObjectNode() : node;
    } catch (java.io.IOException e) {
      // Not our JSON (a proxy's or Jetty's HTML page): the status code alone must do.
      return json.createObjectNode();
    }
  }
}
