package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.starter.Json;
import io.gridshift.starter.server.web.CrossSiteGuard;
import io.gridshift.starter.server.web.SecurityHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cross-site guard and the security headers over the real service, with raw HTTP requests so
 * that exactly the headers a browser's forged request would carry are sent, and no more.
 */
class WebProtectionsTest extends ServerTestSupport {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void approvalWithoutTheHeaderIsRefusedAndTheGateStaysOpen() throws Exception {
    String id = start("alice", infinispan("dg-csrf-approve", ""));
    awaitGate(id, "switch-traffic");

    String approve = "/api/upgrades/" + id + "/gates/switch-traffic/approve";
    HttpResponse<String> forged =
        send("POST", approve, "bob", Map.of("Content-Type", "application/json"), "{}");
    JsonNode body = errorBody(forged, 403);
    assertThat(body.path("message").asText())
        .contains(CrossSiteGuard.HEADER + ": 1")
        .contains("another site");
    // The same as a browser's form would send it: form-encoded, no header.
    HttpResponse<String> form =
        send(
            "POST",
            approve,
            "bob",
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "comment=forged");
    errorBody(form, 403);

    JsonNode status = json(get("bob", "/api/upgrades/" + id));
    assertThat(status.path("openGate").path("name").asText()).isEqualTo("switch-traffic");
    assertThat(status.path("audit").toString()).doesNotContain("APPROVED");
  }

  @Test
  void startWithoutTheHeaderIsRefusedAndNothingStarts() throws Exception {
    String request = infinispan("dg-csrf-start", "");
    HttpResponse<String> forged =
        send("POST", "/api/upgrades", "alice", Map.of("Content-Type", "text/plain"), request);
    errorBody(forged, 403);
    assertThat(json(get("alice", "/api/upgrades?grid=dg-csrf-start")).size()).isZero();
  }

  @Test
  void withTheHeaderTheBodyMustBeJson() throws Exception {
    HttpResponse<String> plain =
        send(
            "POST",
            "/api/upgrades",
            "alice",
            Map.of(CrossSiteGuard.HEADER, "1", "Content-Type", "text/plain"),
            infinispan("dg-csrf-plain", ""));
    assertThat(errorBody(plain, 415).path("message").asText()).contains("application/json");
    assertThat(json(get("alice", "/api/upgrades?grid=dg-csrf-plain")).size()).isZero();
  }

  @Test
  void withoutCredentialsTheAnswerIsStill401() throws Exception {
    HttpResponse<String> anonymous =
        send("POST", "/api/upgrades", null, Map.of("Content-Type", "application/json"), "{}");
    errorBody(anonymous, 401);
  }

  @Test
  void readingNeedsNoHeader() throws Exception {
    assertThat(send("GET", "/api/me", "alice", Map.of(), null).statusCode()).isEqualTo(200);
  }

  @Test
  void aPreflightFromAnotherOriginIsNotGranted() throws Exception {
    HttpResponse<String> preflight =
        send(
            "OPTIONS",
            "/api/upgrades",
            null,
            Map.of(
                "Origin", "http://127.0.0.2:9999",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "x-gridshift-request,content-type"),
            null);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
  }

  @Test
  void securityHeadersOnThePageTheApiAndErrors() throws Exception {
    for (String path : new String[] {"/ui/", "/ui/app.js", "/api/me", "/api/upgrades/none", "/x"}) {
      HttpResponse<String> r = send("GET", path, "alice", Map.of(), null);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
      assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
          .contains("frame-ancestors 'none'")
          .contains("script-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
    }
    assertThat(
            send("GET", "/api/me", "alice", Map.of(), null).headers().firstValue("Cache-Control"))
        .hasValue("no-store");
    HttpResponse<String> anonymous = send("GET", "/api/me", null, Map.of(), null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  private static HttpResponse<String> send(
      String method, String path, String user, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    if (user != null) {
      request.header("Authorization", basic(user, PASSWORDS.get(user)));
    }
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static JsonNode errorBody(HttpResponse<String> response, int code) throws IOException {
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(response.statusCode()).as("status; body %s", body).isEqualTo(code);
    assertThat(body.path("code").asInt()).isEqualTo(code);
    return body;
  }
}
