package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Admin port: health check {@code temporal} (healthy here) and per-resource timers. */
class HealthResourceTest extends ServerTestSupport {

  @Test
  void temporalHealthCheckIsHealthy() {
    Response r = admin("/healthcheck");
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("%s", body).isEqualTo(200);
    assertThat(body.path("temporal").path("healthy").asBoolean()).isTrue();
    assertThat(body.path("temporal").path("message").asText()).contains("answers");
  }

  @Test
  void everyResourceMethodHasATimer() {
    get("bob", "/api/me").close();
    JsonNode timers = json(admin("/metrics")).path("timers");
    assertThat(timers.has(UpgradesResource.class.getName() + ".start")).isTrue();
    assertThat(timers.has(UpgradesResource.class.getName() + ".list")).isTrue();
    assertThat(timers.has(UpgradeResource.class.getName() + ".approve")).isTrue();
    assertThat(timers.path(MeResource.class.getName() + ".me").path("count").asInt()).isPositive();
  }

  static Response admin(String path) {
    return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + path).request().get();
  }
}
