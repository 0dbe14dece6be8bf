package io.gridshift.demo.it.badinput;

import io.dropwizard.testing.DropwizardTestSupport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.InfinispanDemo;
import io.gridshift.demo.InfinispanDemoGrid;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.cli.InProcessCli;
import io.gridshift.starter.server.GridshiftConfiguration;
import io.gridshift.starter.server.GridshiftServer;
import io.gridshift.starter.server.TemporalConnection;
import io.gridshift.worker.GridshiftWorker;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The three front doors over one real world: a sandbox (Temporal, Kubernetes API with the project's
 * controllers and kubelet) with a real one-pod Infinispan grid {@value #GRID} running {@value
 * InfinispanDemo#SOURCE_VERSION} (caches sessions, events, catalog), the real worker serving
 * cluster {@value #CLUSTER}, the real REST service on a loopback port, and the real CLI in this
 * JVM. Users of the REST service: {@value #ALICE} (requester and approver) and {@value #BOB}
 * (approver), each with password {@code <name>-pw}.
 */
final class BadInputWorld implements AutoCloseable {
  static final String CLUSTER = "sandbox";
  static final String GRID = "dg";
  static final String ALICE = "alice";
  static final String BOB = "bob";

  /** The upgrade of {@value #GRID} that {@link #liveUpgrade()} starts and holds at a gate. */
  static final String LIVE = "infinispan-upgrade-" + CLUSTER + "-default-" + GRID;

  /** How long the Kubernetes API must be still to count as settled (minReadySeconds is 5). */
  private static final Duration STILL = Duration.ofSeconds(7);

  /** The gate the live upgrade waits at. */
  static final String LIVE_GATE = "switch-traffic";

  private static final String SERVER_CONFIG =
      """
      auth:
        allowPlainTextSecrets: true
        users:
          - {name: alice, password: alice-pw, roles: [requester, approver]}
          - {name: bob, password: bob-pw, roles: [approver]}
      dryRunTimeout: 60s
      server:
        applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        requestLog: {appenders: []}
      logging:
        level: WARN
        loggers: {io.temporal: ERROR}
      """;

  private final Path dir;
  private final Sandbox sandbox;
  private final HttpClient http = HttpClient.newHttpClient();
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private GridshiftWorker worker;
  private DropwizardTestSupport<GridshiftConfiguration> rest;
  private TemporalUi temporalUi;
  private WorkflowStub nowhere;
  private boolean live;

  private BadInputWorld(Path dir, Sandbox sandbox) {
    this.dir = dir;
    this.sandbox = sandbox;
  }

  static BadInputWorld start() throws Exception {
    Path dir = Files.createTempDirectory("gridshift-bad-input");
    BadInputWorld world = new BadInputWorld(dir, Sandbox.start(SandboxOptions.ephemeral(dir)));
    try {
      world.startWorkerAndServer();
      // No worker serves cluster "nowhere": the upgrade fails after the first call's pickup
      // timeout (45 s), so it is started now and awaited by its row.
      world.nowhere =
          world.temporalUi.start(
              "InfinispanUpgrade",
              "bad-input-nowhere",
              Requests.ispnOn("nowhere", "default", GRID, "15.0.21.Final", ""));
      world.startGrid();
    } catch (Exception | Error e) {
      world.close();
      throw e;
    }
    return world;
  }

  private void startWorkerAndServer() throws Exception {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(sandbox.temporalTarget()).build());
    client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder().setDataConverter(GridKinds.dataConverter()).build());
    WorkerConfig.Cluster cluster =
        new WorkerConfig.Cluster(CLUSTER, sandbox.kubeconfig().toString(), CLUSTER, false);
    worker =
        new GridshiftWorker(
            client,
            new WorkerConfig(
                TemporalAccess.plain(sandbox.temporalTarget()), true, List.of(cluster)));
    worker.start();
    temporalUi = new TemporalUi(client);
    Path config = dir.resolve("server.yaml");
    Files.writeString(config, SERVER_CONFIG);
    WorkflowClient temporal = client;
    rest =
        new DropwizardTestSupport<>(GridshiftServer.class, config.toString()) {
          @Override
          public GridshiftServer newApplication() {
            return new GridshiftServer() {
              @Override
              protected TemporalConnection connect(GridshiftConfiguration ignored) {
                return new TemporalConnection(temporal, sandbox.temporalTarget(), false);
              }
            };
          }
        };
    rest.before();
  }

  private void startGrid() throws IOException, InterruptedException {
    InfinispanDemoGrid grid = new InfinispanDemoGrid(kube(), InfinispanDemoGrid.NAMESPACE, GRID);
    grid.create(InfinispanDemo.SOURCE_VERSION, 1);
    grid.awaitReady(1, Duration.ofMinutes(3), ready -> {});
    grid.createCaches();
    awaitSettled();
  }

  /**
   * Waits until the Kubernetes API has been still for {@link #STILL} (longer than the grids'
   * minReadySeconds, after which the controllers write availableReplicas once more), so that what a
   * row's snapshots see changing is the row's doing, not the world settling.
   */
  void awaitSettled() {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    KubeSnapshot last = KubeSnapshot.of(kube());
    long stillSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      sleep(500);
      KubeSnapshot now = KubeSnapshot.of(kube());
      if (!now.equals(last)) {
        last = now;
        stillSince = System.nanoTime();
      } else if (System.nanoTime() - stillSince >= STILL.toNanos()) {
        return;
      }
    }
    throw new IllegalStateException("the Kubernetes API did not settle within a minute");
  }

  /** The upgrade of a cluster no worker serves, started with the world. */
  WorkflowStub nowhere() {
    return nowhere;
  }

  /**
   * Starts (once) an upgrade of {@value #GRID} as {@value #ALICE} with four-eyes on, migrating
   * cache sessions to a one-pod target, and waits until it holds gate {@value #LIVE_GATE}: the
   * upgrade that second starts, early approvals and self-approvals meet.
   */
  void liveUpgrade() {
    if (live) {
      return;
    }
    Outcome started =
        http(
            ALICE,
            "POST",
            "/api/upgrades",
            Requests.ispn(", \"caches\": [\"sessions\"], \"fourEyes\": true"));
    if (started.code() != 201) {
      throw new IllegalStateException("the live upgrade did not start: " + started);
    }
    UpgradeService service = new UpgradeService(client);
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline) {
      UpgradeStatus status = service.status(LIVE);
      if (status.openGate() != null && LIVE_GATE.equals(status.openGate().name())) {
        live = true;
        awaitSettled();
        return;
      }
      if (status.phase() == Phase.FAILED || status.phase() == Phase.ABORTED) {
        throw new IllegalStateException("the live upgrade ended: " + status.message());
      }
      sleep(250);
    }
    throw new IllegalStateException("the live upgrade did not reach gate " + LIVE_GATE);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  KubernetesClient kube() {
    return sandbox.client();
  }

  WorkflowClient client() {
    return client;
  }

  // ---- REST

  /** {@code method path} with {@code body} (null: none) as {@code user} (null: anonymous). */
  Outcome http(String user, String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest.getLocalPort() + path))
            .timeout(Duration.ofSeconds(90))
            .header("Content-Type", "application/json")
            // What the REST service demands of every state-changing call (cross-site guard).
            .header("X-Gridshift-Request", "1")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      String pair = user + ":" + user + "-pw";
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Outcome(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException("the REST service did not answer " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- CLI

  /** The CLI directly on Temporal, as {@code --by by}. */
  Outcome cli(String by, String... argv) {
    String[] all = new String[argv.length + 4];
    System.arraycopy(argv, 0, all, 0, argv.length);
    all[argv.length] = "--temporal";
    all[argv.length + 1] = sandbox.temporalTarget();
    all[argv.length + 2] = "--by";
    all[argv.length + 3] = by;
    return outcome(InProcessCli.run(Map.of(), all));
  }

  /** The CLI through the REST service, authenticated as {@code user} with {@code password}. */
  Outcome cliViaServer(String user, String password, String... argv) {
    Map<String, String> env = new HashMap<>();
    env.put("GRIDSHIFT_SERVER", "http://127.0.0.1:" + rest.getLocalPort());
    env.put("GRIDSHIFT_USER", user);
    env.put("GRIDSHIFT_PASSWORD", password);
    return outcome(InProcessCli.run(env, argv));
  }

  private static Outcome outcome(InProcessCli.Result r) {
    return new Outcome(r.exitCode(), r.out() + r.err());
  }

  /** {@code content} in a new file of the world's directory; returns its path. */
  String file(String content) {
    try {
      Path file = Files.createTempFile(dir, "request-", ".json");
      Files.writeString(file, content);
      return file.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- a workflow started as the Temporal UI starts it

  /** Starts {@code type} with {@code json} as the Temporal UI does and waits for its end. */
  Outcome rawWorkflow(String type, String json) {
    return TemporalUi.awaitEnd(temporalUi.start(type, "bad-input-" + UUID.randomUUID(), json));
  }

  @Override
  public void close() {
    if (rest != null) {
      rest.after();
    }
    if (worker != null) {
      worker.close();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    sandbox.close();
  }
}
