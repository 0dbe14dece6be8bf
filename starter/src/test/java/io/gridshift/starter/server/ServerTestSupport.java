package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.gridshift.starter.Json;
import io.gridshift.starter.server.web.CrossSiteGuard;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the real REST service (Jetty on a loopback port, the real auth filters) against {@link
 * FakeTemporal}; calls it over HTTP as the users of {@code server-test.yaml}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
abstract class ServerTestSupport {
  static final Map<String, String> PASSWORDS =
      Map.of("alice", "alice-pw", "bob", "bob-pw", "admin", "admin-pw", "carol", "carol-pw");

  /** The service with its Temporal connection replaced by the shared in-process one. */
  public static class TestServer extends GridshiftServer {
    @Override
    protected TemporalConnection connect(GridshiftConfiguration config) {
      return new TemporalConnection(
          FakeTemporal.shared().env.getWorkflowClient(), "in-process", false);
    }
  }

  static final DropwizardAppExtension<GridshiftConfiguration> APP =
      new DropwizardAppExtension<>(
          TestServer.class, ResourceHelpers.resourceFilePath("server-test.yaml"));

  /** An Infinispan request on the fake cluster; {@code extra} adds fields (start with a comma). */
  static String infinispan(String grid, String extra) {
    return """
        {"kind": "infinispan", "cluster": {"cluster": "%s", "namespace": "apps"},
         "grid": "%s", "targetVersion": "15.0.21.Final"%s}
        """
        .formatted(FakeTemporal.ISPN_CLUSTER, grid, extra);
  }

  /** A Hazelcast request on the fake cluster (its gates are off by default: it runs through). */
  static String hazelcast(String grid) {
    return """
        {"kind": "hazelcast", "cluster": {"cluster": "%s", "namespace": "apps"},
         "grid": "%s", "targetVersion": "5.3.8"}
        """
        .formatted(FakeTemporal.HZ_CLUSTER, grid);
  }

  static String basic(String user, String password) {
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** A request as {@code user} (password from {@link #PASSWORDS}), or anonymous when null. */
  static Invocation.Builder as(String user, String path) {
    Invocation.Builder b =
        APP.client()
            .target("http://127.0.0.1:" + APP.getLocalPort() + path)
            // The extension's client gives up after 5 s; a status query on a busy machine (2
            // cores, several builds) can take longer.
            .property(ClientProperties.READ_TIMEOUT, 30_000)
            .request(MediaType.APPLICATION_JSON)
            .header(CrossSiteGuard.HEADER, "1");
    return user == null ? b : b.header("Authorization", basic(user, PASSWORDS.get(user)));
  }

  static Response get(String user, String path) {
    return as(user, path).get();
  }

  static Response post(String user, String path, String json) {
    return as(user, path).post(Entity.entity(json, MediaType.APPLICATION_JSON));
  }

  static JsonNode json(Response response) {
    try {
      return Json.mapper().readTree(response.readEntity(String.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the status and the error body's format; returns the body. */
  static JsonNode error(Response response, int code) {
    JsonNode body = json(response);
    assertThat(response.getStatus()).as("status; body %s", body).isEqualTo(code);
    assertThat(body.path("code").asInt()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(body.path("problems").isArray()).as("problems array in %s", body).isTrue();
    return body;
  }

  /** Starts an upgrade as {@code user}; asserts 201; returns the workflow id. */
  static String start(String user, String json) {
    Response r = post(user, "/api/upgrades", json);
    JsonNode body = json(r);
    assertThat(r.getStatus()).as("start answered %s", body).isEqualTo(201);
    return body.path("workflowId").asText();
  }

  /** Polls {@code GET /api/upgrades/{id}} (as bob) until {@code condition} holds. */
  static JsonNode awaitStatus(String id, String what, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      Response r = get("bob", "/api/upgrades/" + id);
      if (r.getStatus() == 200) {
        status = json(r);
        if (condition.test(status)) {
          return status;
        }
      } else {
        r.close();
      }
      sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what + " of " + id + "; last: " + status);
  }

  static JsonNode awaitGate(String id, String gate) {
    return awaitStatus(
        id, "gate " + gate, s -> gate.equals(s.path("openGate").path("name").asText()));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
