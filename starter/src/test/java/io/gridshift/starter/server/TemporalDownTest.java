package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.gridshift.starter.Json;
import jakarta.ws.rs.core.Response;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real server (its own Temporal connection) pointed at a loopback port nobody listens on: it
 * starts, reports {@code temporal} unhealthy, and answers API calls with 503 saying what to check.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TemporalDownTest {
  static final String DEAD_TARGET = "127.0.0.1:" + freePort();

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
  void apiCallsAre503() throws Exception {
    Response r =
        APP.client()
            .target("http://127.0.0.1:" + APP.getLocalPort() + "/api/upgrades")
            .request()
            .header("Authorization", ServerTestSupport.basic("bob", "bob-pw"))
            .get();
    JsonNode body = Json.mapper().readTree(r.readEntity(String.class));
    assertThat(r.getStatus()).as("%s", body).isEqualTo(503);
    assertThat(body.path("message").asText()).contains(DEAD_TARGET);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
