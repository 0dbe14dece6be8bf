package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.Test;

/** Authentication and roles on every kind of call; {@code /api/me}; the page's entry point. */
class AuthResourceTest extends ServerTestSupport {

  @Test
  void noCredentialsIs401OnEveryApiCall() {
    for (String path : new String[] {"/api/upgrades", "/api/upgrades/x", "/api/me"}) {
      Response r = get(null, path);
      assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=");
      assertThat(error(r, 401).path("message").asText()).contains("Bearer");
    }
    error(post(null, "/api/upgrades", infinispan("dg-anon", "")), 401);
    error(post(null, "/api/upgrades/x/gates/cutover/approve", "{}"), 401);
    error(post(null, "/api/upgrades/x/abort", "{}"), 401);
  }

  @Test
  void wrongPasswordOrTokenIs401() {
    error(as(null, "/api/me").header("Authorization", basic("alice", "guess")).get(), 401);
    error(as(null, "/api/me").header("Authorization", basic("nobody", "x")).get(), 401);
    error(as(null, "/api/me").header("Authorization", "Bearer not-a-token").get(), 401);
    // carol's password is a bcrypt hash: a wrong one is refused too.
    error(as(null, "/api/me").header("Authorization", basic("carol", "alice-pw")).get(), 401);
  }

  @Test
  void requesterCannotApproveAndApproverCannotStart() {
    JsonNode body = error(post("alice", "/api/upgrades/x/gates/cutover/approve", "{}"), 403);
    assertThat(body.path("message").asText()).contains("alice").contains("approver");
    error(post("bob", "/api/upgrades", infinispan("dg-bob", "")), 403);
    error(post("bob", "/api/upgrades/x/abort", "{}"), 403);
  }

  @Test
  void bearerTokenActsAsItsIdentity() {
    Response me = as(null, "/api/me").header("Authorization", "Bearer ci-token-1").get();
    JsonNode body = json(me);
    assertThat(me.getStatus()).isEqualTo(200);
    assertThat(body.path("name").asText()).isEqualTo("ci-bot");
    assertThat(body.path("roles").toString()).isEqualTo("[\"requester\"]");

    Response started =
        as(null, "/api/upgrades")
            .header("Authorization", "Bearer ci-token-1")
            .post(Entity.json(infinispan("dg-token", "")));
    String id = json(started).path("workflowId").asText();
    assertThat(started.getStatus()).isEqualTo(201);
    assertThat(awaitGate(id, "switch-traffic").path("openGate").path("requestedBy").asText())
        .isEqualTo("ci-bot");
  }

  @Test
  void meShowsNameAndSortedRolesAndHashedPasswordsWork() {
    JsonNode admin = json(get("admin", "/api/me"));
    assertThat(admin.path("name").asText()).isEqualTo("admin");
    assertThat(admin.path("roles").toString()).isEqualTo("[\"approver\",\"requester\"]");
    // carol's password is configured as bcrypt:$2a$...; alice's comes from ${VAR:-default}.
    assertThat(json(get("carol", "/api/me")).path("name").asText()).isEqualTo("carol");
    assertThat(json(get("alice", "/api/me")).path("name").asText()).isEqualTo("alice");
    // hashed-bot's token is configured as sha256:<hex>.
    Response bot = as(null, "/api/me").header("Authorization", "Bearer ci-token-2").get();
    assertThat(json(bot).path("name").asText()).isEqualTo("hashed-bot");
  }

  @Test
  void rootRedirectsToTheOperationsPage() {
    Response r =
        APP.client()
            .target("http://127.0.0.1:" + APP.getLocalPort() + "/")
            .property(ClientProperties.FOLLOW_REDIRECTS, false)
            .request()
            .get();
    assertThat(r.getStatus()).isEqualTo(303);
    assertThat(r.getLocation().getPath()).isEqualTo("/ui/");
  }

  @Test
  void unknownApiPathIsAJson404() {
    error(get("bob", "/api/nothing-here"), 404);
  }
}
