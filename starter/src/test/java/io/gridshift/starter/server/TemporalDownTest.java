package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.gridshift.starter.Json;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.net.ServerSocket;
import java.time.Duration;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real server (its own Temporal connection) pointed at a loopback port nobody listens on: it
 * starts, reports {@code temporal} unhealthy (and {@code /readyz} 503 with the reason, {@code
 * /healthz} still 200), and answers API calls with 503 saying what to check.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TemporalDownTest {
  static final String DEAD_TARGET = "127.0.0.1:" + freePort();
  static final String ID = "infinispan-upgrade-c1-apps-dg";
  static final String REQUEST =
      "{\"cluster\": {\"cluster\": \"c1\"}, \"grid\": \"dg\", \"targetVersion\": \"15.0.21.Final\"}";

  static final DropwizardAppExtension<GridshiftConfiguration> APP =
      new DropwizardAppExtension<>(
          GridshiftServer.class,
          ResourceHelpers.resourceFilePath("server-test.yaml"),
          ConfigOverride.config("temporal.target", DEAD_TARGET));

  @Test
  void healthCheckIsUnhealthyAndSaysWhere() throws Exception {
    Response r =
        APP.client()
            .target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck")
            .request()
            .get();
    JsonNode body = Json.mapper().readTree(r.readEntity(String.class));
    assertThat(r.getStatus()).isEqualTo(500);
    assertThat(body.path("temporal").path("healthy").asBoolean()).isFalse();
    assertThat(body.path("temporal").path("message").asText())
        .contains(DEAD_TARGET)
        .contains("UNAVAILABLE");
  }

  @Test
  void readyzIs503WithTheReasonWhileHealthzStays200() {
    Response ready = admin("/readyz");
    String reason = ready.readEntity(String.class);
    assertThat(ready.getStatus()).as(reason).isEqualTo(503);
    assertThat(reason)
        .startsWith("not ready: Temporal at " + DEAD_TARGET)
        .contains("UNAVAILABLE")
        .endsWith("\n")
        .hasLineCount(1);
    Response live = admin("/healthz");
    assertThat(live.getStatus()).isEqualTo(200);
    live.close();
  }

  @Test
  void listIs503() throws Exception {
    assertFast503("GET", "/api/upgrades", "bob", null);
  }

  @Test
  void statusIs503() throws Exception {
    assertFast503("GET", "/api/upgrades/" + ID, "bob", null);
  }

  @Test
  void startAndDryRunAre503() throws Exception {
    assertFast503("POST", "/api/upgrades", "alice", REQUEST);
    assertFast503("POST", "/api/upgrades?dryRun=true", "alice", REQUEST);
  }

  @Test
  void decisionsAndActionsAre503() throws Exception {
    assertFast503("POST", "/api/upgrades/" + ID + "/gates/cutover/approve", "bob", "{}");
    assertFast503("POST", "/api/upgrades/" + ID + "/abort", "alice", "{}");
  }

  /** Asserts a 503 answered within seconds whose message names Temporal's address. */
  private static void assertFast503(String method, String path, String user, String json)
      throws Exception {
    long started = System.nanoTime();
    Response r =
        APP.client()
            .target("http://127.0.0.1:" + APP.getLocalPort() + path)
            .property(ClientProperties.READ_TIMEOUT, 120_000)
            .request()
            .header("Authorization", ServerTestSupport.basic(user, user + "-pw"))
            .header("X-Gridshift-Request", "1")
            .method(method, json == null ? null : Entity.json(json));
    JsonNode body = Json.mapper().readTree(r.readEntity(String.class));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(r.getStatus()).as("%s %s: %s", method, path, body).isEqualTo(503);
    assertThat(body.path("message").asText())
        .contains("Temporal at " + DEAD_TARGET)
        .contains("temporal.target");
    assertThat(took).as("%s %s took %s", method, path, took).isLessThan(Duration.ofSeconds(8));
  }

  private static Response admin(String path) {
    return APP.client()
        .target("http://127.0.0.1:" + APP.getAdminPort() + path)
        .property(ClientProperties.READ_TIMEOUT, 30_000)
        .request()
        .get();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
