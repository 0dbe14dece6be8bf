package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.gridshift.starter.Json;
import io.gridshift.starter.UpgradeException;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.approval.ApprovalKeys;
import io.gridshift.workflows.approval.Approvals;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.testing.FakeInfinispanGrid;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import jakarta.ws.rs.client.Entity;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed approvals end to end through the REST layer: the REST service signs with the key of {@code
 * server-signed-test.yaml}, the real Infinispan workflow runs on a worker in signed mode holding
 * the same key (registered as the worker registers it, {@link GridKinds}). An approval through the
 * REST service passes; the direct CLI's approval (the same {@link UpgradeService} call on a
 * Temporal client, with no token) is refused with the way to decide, and audited.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SignedApprovalsResourceTest {
  static final String CLUSTER = "ispn-signed";
  static final Map<String, String> PASSWORDS =
      Map.of("alice", "alice-pw", "bob", "bob-pw", "admin", "admin-pw");

  static final TestWorkflowEnvironment ENV = signedWorker();

  /** The service with its Temporal connection replaced by this test's in-process one. */
  public static class SignedServer extends GridshiftServer {
    @Override
    protected TemporalConnection connect(GridshiftConfiguration config) {
      return new TemporalConnection(ENV.getWorkflowClient(), "in-process", false);
    }
  }

  static final DropwizardAppExtension<GridshiftConfiguration> APP =
      new DropwizardAppExtension<>(
          SignedServer.class, ResourceHelpers.resourceFilePath("server-signed-test.yaml"));

  private static TestWorkflowEnvironment signedWorker() {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    ApprovalKeys keys =
        ApprovalKeys.fromFiles(Map.of("k1", "src/test/resources/approvals-test.key"), null);
    GridKinds.registerWorkflows(
        env.newWorker(TaskQueues.WORKFLOWS), VisibilityOptions.NONE, Approvals.signed(keys, false));
    env.newWorker(TaskQueues.cluster(CLUSTER))
        .registerActivitiesImplementations(new FakeInfinispanGrid());
    env.start();
    return env;
  }

  @AfterAll
  static void stop() {
    ENV.close();
  }

  @Test
  void anApprovalThroughTheRestServicePassesADirectOneIsRefusedWithTheWayToDecide() {
    String id = start("alice", "dg-signed");
    awaitStatus(id, s -> "switch-traffic".equals(s.path("openGate").path("name").asText()));

    // What `./gridshift approve <id> switch-traffic --by bob` (no --server) does.
    UpgradeException direct =
        catchThrowableOfType(
            UpgradeException.class,
            () ->
                new UpgradeService(ENV.getWorkflowClient())
                    .approve(id, new GateDecision("switch-traffic", "bob", "direct")));
    assertThat(direct).as("the direct approval should be refused").isNotNull();
    assertThat(direct.getMessage())
        .contains("signed approvals are on")
        .contains("./gridshift --server URL approve");

    Response r = post("bob", "/api/upgrades/" + id + "/gates/switch-traffic/approve", "{}");
    JsonNode entry = json(r);
    assertThat(r.getStatus()).as("%s", entry).isEqualTo(200);
    assertThat(entry.path("action").asText()).isEqualTo("APPROVED");
    assertThat(entry.path("by").asText()).isEqualTo("bob");

    JsonNode status =
        awaitStatus(id, s -> "cutover".equals(s.path("openGate").path("name").asText()));
    JsonNode refused = null;
    for (JsonNode e : status.path("audit")) {
      refused = "REFUSED".equals(e.path("action").asText()) ? e : refused;
    }
    assertThat(refused).as("a REFUSED entry in %s", status.path("audit")).isNotNull();
    assertThat(refused.path("by").asText()).isEqualTo("bob");
    assertThat(refused.path("reason").asText()).isEqualTo(Gatekeeper.UNSIGNED);

    // A signed rejection passes too; the REST service still checks roles first (alice only
    // requests).
    Response reject = post("bob", "/api/upgrades/" + id + "/gates/cutover/reject", "{}");
    assertThat(json(reject).path("action").asText()).isEqualTo("REJECTED");
    Response forbidden = post("alice", "/api/upgrades/" + id + "/gates/cutover/approve", "{}");
    assertThat(forbidden.getStatus()).isEqualTo(403);
    forbidden.close();
  }

  private static String start(String user, String grid) {
    String body =
        """
        {"kind": "infinispan", "cluster": {"cluster": "%s", "namespace": "apps"},
         "grid": "%s", "targetVersion": "15.0.21.Final"}
        """
            .formatted(CLUSTER, grid);
    Response r = post(user, "/api/upgrades", body);
    JsonNode json = json(r);
    assertThat(r.getStatus()).as("start answered %s", json).isEqualTo(201);
    return json.path("workflowId").asText();
  }

  private static Response post(String user, String path, String json) {
    String pair = user + ":" + PASSWORDS.get(user);
    return APP.client()
        .target("http://127.0.0.1:" + APP.getLocalPort() + path)
        .property(ClientProperties.READ_TIMEOUT, 30_000)
        .request(MediaType.APPLICATION_JSON)
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
        .header("X-Gridshift-Request", "1") // what the ops page and the CLI send
        .post(Entity.entity(json, MediaType.APPLICATION_JSON));
  }

  private static JsonNode awaitStatus(String id, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      String pair = "bob:bob-pw";
      Response r =
          APP.client()
              .target("http://127.0.0.1:" + APP.getLocalPort() + "/api/upgrades/" + id)
              .property(ClientProperties.READ_TIMEOUT, 30_000)
              .request(MediaType.APPLICATION_JSON)
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
              .get();
      if (r.getStatus() == 200) {
        status = json(r);
        if (condition.test(status)) {
          return status;
        }
      } else {
        r.close();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting on " + id + "; last: " + status);
  }

  private static JsonNode json(Response response) {
    try {
      return Json.mapper().readTree(response.readEntity(String.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
