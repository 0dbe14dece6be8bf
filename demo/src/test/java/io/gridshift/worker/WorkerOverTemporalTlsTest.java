package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.gridshift.sandbox.temporal.SandboxTemporalTls;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.client.TemporalConnectionException;
import io.gridshift.workflows.client.TemporalTls;
import io.gridshift.workflows.common.Notification;
import io.gridshift.workflows.common.NotificationEvent;
import io.gridshift.workflows.common.NotificationWorkflow;
import io.gridshift.workflows.common.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker and the agent against the sandbox's Temporal behind a TLS front ({@link
 * SandboxTemporalTls}, real TLS over loopback to the real test server): over TLS and mutual TLS the
 * worker starts and runs a real workflow and activity (a notification delivered to a local
 * webhook); the agent starts polling over mutual TLS; a wrong CA or a missing client certificate
 * stops either before it logs that it started, with the sentence that says what to set.
 */
class WorkerOverTemporalTlsTest {
  @TempDir static Path dir;
  private static LocalTemporalServer temporal;
  private static SandboxTemporalTls tls;
  private static SandboxTemporalTls mtls;
  private static HttpServer receiver;
  private static final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    temporal = LocalTemporalServer.start(0);
    tls = SandboxTemporalTls.start(dir.resolve("tls"), false, 0, temporal.port());
    mtls = SandboxTemporalTls.start(dir.resolve("mtls"), true, 0, temporal.port());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
    mtls.close();
    tls.close();
    temporal.close();
  }

  private static TemporalAccess access(SandboxTemporalTls front) {
    return TemporalAccess.plain(front.target()).withTls(front.clientTls());
  }

  private static WorkerConfig worker(TemporalAccess access) {
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    return new WorkerConfig(access, true, List.of(), new WorkerConfig.Notifications(List.of(hook)));
  }

  @Test
  void theWorkerRunsAWorkflowOverTls() throws Exception {
    runsANotification(access(tls), "notify-tls");
  }

  @Test
  void theWorkerRunsAWorkflowOverMutualTls() throws Exception {
    runsANotification(access(mtls), "notify-mtls");
  }

  private void runsANotification(TemporalAccess access, String workflowId) throws Exception {
    try (WorkerMain.Running running = WorkerMain.start(worker(access), "test/worker", "started")) {
      WorkflowServiceStubs stubs = TemporalClients.stubs(access);
      try {
        WorkflowClient client = TemporalClients.client(stubs, access, "test/client");
        NotificationWorkflow notify =
            client.newWorkflowStub(
                NotificationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue(NotificationWorkflow.TASK_QUEUE)
                    .build());
        notify.send(notification(workflowId));
        assertThat(bodies).anyMatch(body -> body.contains(workflowId));
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  @Test
  void theAgentStartsOverMutualTls() throws Exception {
    WorkerConfig agent = agent(access(mtls));
    assertThat(agent.agentProblems()).isEmpty();
    try (WorkerMain.Running running = WorkerMain.start(agent, "test/agent", "started")) {
      assertThat(running.worker().taskQueues()).containsExactly("gridshift-cluster-east");
    }
  }

  @Test
  void aWrongCaStopsTheWorkerBeforeItStarts() {
    TemporalTls foreignCa =
        new TemporalTls(null, tls.clientTls().caFile(), null, null, null); // tls's CA, mtls's front
    TemporalAccess access = TemporalAccess.plain(mtls.target()).withTls(foreignCa);
    assertThatThrownBy(() -> WorkerMain.start(worker(access), "test/worker", "started"))
        .isInstanceOf(TemporalConnectionException.class)
        .hasMessage(
            "TLS handshake with Temporal at "
                + mtls.target()
                + " failed: the server's certificate is not signed by the CA in "
                + tls.clientTls().caFile()
                + "; set tls.caFile to the CA that signed it");
  }

  @Test
  void aMissingClientCertificateStopsTheAgentBeforeItStarts() throws Exception {
    TemporalAccess noCertificate =
        TemporalAccess.plain(mtls.target())
            .withTls(new TemporalTls(null, mtls.clientTls().caFile(), null, null, null));
    assertThatThrownBy(() -> WorkerMain.start(agent(noCertificate), "test/agent", "started"))
        .isInstanceOf(TemporalConnectionException.class)
        .hasMessage(
            "TLS handshake with Temporal at "
                + mtls.target()
                + " failed: the server requires a client certificate: set tls.certFile and"
                + " tls.keyFile (GRIDSHIFT_TEMPORAL_TLS_CERT and _KEY for the CLI)");
  }

  @Test
  void aMissingKeyFileStopsTheWorkerNamingIt() {
    TemporalTls missingKey =
        new TemporalTls(
            null,
            mtls.clientTls().caFile(),
            mtls.clientTls().certFile(),
            dir.resolve("nowhere.key").toString(),
            null);
    TemporalAccess access = TemporalAccess.plain(mtls.target()).withTls(missingKey);
    assertThatThrownBy(() -> WorkerMain.start(worker(access), "test/worker", "started"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "temporal.tls.keyFile " + dir.resolve("nowhere.key") + " does not exist");
  }

  private static WorkerConfig agent(TemporalAccess access) throws Exception {
    // The agent's cluster API is never called here: starting only builds its client.
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: east, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: east, user: {token: t}}]
            contexts: [{name: east, context: {cluster: east, user: east}}]
            current-context: east
            """);
    return new WorkerConfig(
        access,
        false,
        List.of(new WorkerConfig.Cluster("east", kubeconfig.toString(), "east", false)));
  }

  private static Notification notification(String workflowId) {
    return new Notification(
        NotificationEvent.COMPLETED,
        workflowId,
        "hazelcast",
        "prod",
        "apps",
        "hz",
        "5.3.8",
        "5.4.1",
        null,
        null,
        "alice",
        Phase.COMPLETED,
        "verify",
        "upgraded hz");
  }
}
