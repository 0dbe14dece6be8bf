package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.demo.InfinispanDemo;
import io.gridshift.demo.InfinispanDemoGrid;
import io.gridshift.demo.secure.DemoRestServer;
import io.gridshift.demo.security.HistoryPlaintextScan;
import io.gridshift.demo.security.HistoryPlaintextScan.Finding;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.InfinispanOps;
import io.gridshift.demo.traffic.TrafficOptions;
import io.gridshift.demo.traffic.TrafficProbe;
import io.gridshift.demo.traffic.TrafficRecord;
import io.gridshift.sandbox.OpenShiftGrids;
import io.gridshift.sandbox.temporal.ui.UiServer;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.server.auth.Secrets;
import io.gridshift.workflows.client.PayloadEncryption;
import io.gridshift.workflows.client.PayloadKeyRing;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.InfinispanDetails;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A whole Infinispan upgrade on the sandbox (real Temporal, real Infinispan servers, the real
 * worker) with payload encryption on for the worker and the client, plus a refused upgrade (a
 * failure whose message names a cache). Then the raw histories, read with no codec, must hold none
 * of the grid's name, its cache names, the versions of the plan, the approver or the data; and the
 * same histories decoded with the codec must hold them all, which shows the scan finds what is
 * there.
 *
 * <p>Issue 16: the grid is an OpenShift DeploymentConfig, as the Data Grid seed runs it (Rolling,
 * minReadySeconds, ConfigChange trigger), whose clients come through a Route. A client writes and
 * reads through the Route for the whole upgrade: no error, nothing lost; afterwards the target is a
 * DeploymentConfig too, the source DeploymentConfig is gone, the Route points at the target and
 * every key loaded reads back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncryptedHistoryEndToEndIT {
  /** Long, distinctive names: a short one could turn up by chance in random ciphertext. */
  private static final String GRID = "vault-orders-grid";

  private static final String MISSING_CACHE = "vault-missing-cache";
  private static final int ENTRIES = 300;
  private static final String ROUTE = "vault-clients";
  private static final String TARGET = GRID + "-15-0-21";

  private String routeHost;
  private InfinispanDemoGrid grid;
  private Map<String, Integer> loaded;

  private PayloadEncryption encryption;
  private E2eSandbox e2e;
  private UpgradeService service;

  @BeforeAll
  void startEncryptedSandboxWithAGrid() throws Exception {
    Path keys = Files.createTempDirectory("gridshift-payload-keys");
    Path k1 = PayloadKeyRing.writeRandomKey(keys.resolve("k1"));
    encryption =
        new PayloadEncryption("k1", List.of(new PayloadEncryption.Key("k1", k1.toString())));
    e2e = E2eSandbox.start("gridshift-encrypted-e2e", encryption);
    service = e2e.service();
    grid = new InfinispanDemoGrid(e2e.kube(), "default", GRID);
    grid.createAsDeploymentConfig(InfinispanDemo.SOURCE_VERSION, 2);
    routeHost = OpenShiftGrids.exposeThroughRoute(e2e.kube(), "default", ROUTE, GRID);
    grid.awaitReady(2, Duration.ofMinutes(8), ready -> {});
    grid.createCaches();
    loaded = grid.load(ENTRIES, done -> {});
  }

  @AfterAll
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  void noGridDataPlanOrApproverIsInClearInTheHistories() throws Exception {
    WorkflowExecution refused =
        service.start(UpgradeRequests.parse(request(MISSING_CACHE, ""), false));
    UpgradeStatus refusal = e2e.awaitEnd(refused.getWorkflowId());
    // Failure messages are encrypted too, yet the client reads them back.
    assertThat(refusal.phase()).isEqualTo(Phase.FAILED);
    assertThat(refusal.message()).contains(MISSING_CACHE);

    // The same grid, so the same workflow id: the runs tell the two upgrades apart. A client
    // reads and writes through the Route the whole time.
    GridOps client = new InfinispanOps(routeHost, InfinispanDemoGrid.PORT, "sessions");
    TrafficProbe probe = TrafficProbe.start(client, TrafficOptions.defaults().withRate(20));
    WorkflowExecution upgraded =
        service.start(
            UpgradeRequests.parse(request(null, ", \"route\": \"" + ROUTE + "\""), false));
    UpgradeStatus done = e2e.approveEveryGate(upgraded.getWorkflowId());
    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);
    TrafficRecord traffic = probe.verify();
    client.close();
    ZeroDowntime.assertNoErrorsAndNothingLost(traffic);
    assertTheDeploymentConfigGridWasUpgradedBehindTheRoute();
    assertThat(done.details(InfinispanDetails.class).caches())
        .extracting(c -> c.name())
        .containsExactlyInAnyOrder("sessions", "events", "catalog");

    List<String> secrets =
        List.of(
            GRID,
            "sessions",
            "events",
            "catalog",
            MISSING_CACHE,
            InfinispanDemo.SOURCE_VERSION,
            InfinispanDemo.TARGET_VERSION,
            E2eSandbox.APPROVER,
            "sessions-value-0",
            "product-0");
    HistoryPlaintextScan raw =
        HistoryPlaintextScan.of(e2e.client().getWorkflowServiceStubs(), "default");
    List<WorkflowExecution> runs = List.of(refused, upgraded);

    assertThat(raw.scanExecutions(runs, secrets)).as("plaintext in the raw histories").isEmpty();

    List<Finding> decoded =
        raw.decodingWith(TemporalClients.payloadCodec(encryption)).scanExecutions(runs, secrets);
    assertThat(decoded)
        .extracting(Finding::text)
        .contains(
            GRID,
            "sessions",
            "events",
            "catalog",
            MISSING_CACHE,
            InfinispanDemo.SOURCE_VERSION,
            InfinispanDemo.TARGET_VERSION,
            E2eSandbox.APPROVER);
    assertThat(decoded)
        .as("the refusal's failure message, decoded")
        .anySatisfy(
            f -> {
              assertThat(f.runId()).isEqualTo(refused.getRunId());
              assertThat(f.text()).isEqualTo(MISSING_CACHE);
              assertThat(f.eventType()).isEqualTo("EVENT_TYPE_WORKFLOW_EXECUTION_FAILED");
            });
  }

  private void assertTheDeploymentConfigGridWasUpgradedBehindTheRoute() {
    KubernetesClient kube = e2e.kube();
    var configs = kube.adapt(OpenShiftClient.class).deploymentConfigs().inNamespace("default");
    assertThat(configs.withName(GRID).get()).as("source DeploymentConfig deleted").isNull();
    DeploymentConfig target = configs.withName(TARGET).get();
    assertThat(target).as("the target is a DeploymentConfig too").isNotNull();
    assertThat(target.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(target.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .endsWith(":" + InfinispanDemo.TARGET_VERSION);
    assertThat(kube.apps().statefulSets().inNamespace("default").list().getItems())
        .as("no StatefulSet anywhere")
        .isEmpty();
    assertThat(OpenShiftGrids.routeService(kube, "default", ROUTE)).isEqualTo(TARGET);
    assertThat(grid.missingKeys(loaded))
        .allSatisfy((cache, missing) -> assertThat(missing).isZero());
  }

  /**
   * Issue 17: the real Temporal UI in headless Chromium shows the encrypted request decoded when
   * its settings name the REST service's codec (the browser holding the user's Basic credentials
   * for the service, as after opening its operations page), and only the encoded payload ({@code
   * binary/encrypted}, base64 in the metadata as the API has it) when they name none. The refused
   * upgrade's input names the cache it lacks, which nothing else on the page shows in clear.
   */
  @Test
  void theTemporalUiShowsPayloadsDecodedThroughTheCodecAndEncodedWithout() throws Exception {
    assumeTrue(HeadlessChromium.installed(), "needs apt-get install -y chromium chromium-driver");
    WorkflowExecution refused =
        service.start(UpgradeRequests.parse(request(MISSING_CACHE, ""), false));
    e2e.awaitEnd(refused.getWorkflowId());
    UiServer ui = e2e.sandbox().startUi(0, "");
    String password = "ui-viewer-" + System.nanoTime();
    try (DemoRestServer rest = DemoRestServer.start(restConfig(ui.address(), password));
        HeadlessChromium chromium = new HeadlessChromium()) {
      UiPayloadPage page = new UiPayloadPage(chromium, ui, refused);
      try {
        // With no codec the UI shows the payload as stored: its metadata base64, as the API has it.
        String encrypted =
            Base64.getEncoder().encodeToString("binary/encrypted".getBytes(StandardCharsets.UTF_8));
        ui.useCodec(null);
        String encoded = page.inputOnceShown(encrypted);
        assertThat(encoded).contains(encrypted, "Encoded failure").doesNotContain(MISSING_CACHE);
        page.screenshot("encoded-without-codec.png");

        page.logInTo(rest.uri(), "ui-viewer", password);
        ui.useCodec(rest.uri() + "/codec");
        String decoded = page.inputOnceShown(MISSING_CACHE);
        // The Input card, as JSON: the request (the event rows' one-line summaries are not
        // checked).
        assertThat(decoded)
            .contains(
                MISSING_CACHE, "\"targetVersion\": \"" + InfinispanDemo.TARGET_VERSION + "\"");
        page.screenshot("decoded-through-codec.png");
      } catch (AssertionError | RuntimeException e) {
        chromium.saveEvidence(UiPayloadPage.EVIDENCE.resolve("failed-codec"));
        throw e;
      }
    }
  }

  /**
   * The REST service on a loopback port: this run's Temporal and key, one viewer, the UI's CORS.
   */
  private Path restConfig(String uiOrigin, String password) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("temporal", e2e.access());
    config.put(
        "auth",
        Map.of(
            "realm",
            "gridshift",
            "users",
            List.of(
                Map.of(
                    "name",
                    "ui-viewer",
                    "password",
                    Secrets.bcrypt(password),
                    "roles",
                    // No role: reading, and so decoding, needs only a known user.
                    List.of()))));
    config.put("codec", Map.of("corsOrigins", List.of(uiOrigin)));
    Map<String, Object> loopback = Map.of("type", "http", "bindHost", "127.0.0.1", "port", 0);
    config.put(
        "server",
        Map.of(
            "applicationConnectors",
            List.of(loopback),
            "adminConnectors",
            List.of(loopback),
            "requestLog",
            Map.of("appenders", List.of())));
    config.put("logging", Map.of("type", "external"));
    Path file = Files.createTempDirectory("gridshift-codec-ui").resolve("server.yaml");
    new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), config);
    return file;
  }

  private static String request(String extraCache, String route) {
    String caches =
        extraCache == null ? "" : ", \"caches\": [\"sessions\", \"" + extraCache + "\"]";
    return """
        {"cluster": {"cluster": "sandbox", "namespace": "default"}, "grid": "%s",
         "targetVersion": "%s", "requestedBy": "e2e", "protostream": "PAUSE_WRITES"%s%s}"""
        .formatted(GRID, InfinispanDemo.TARGET_VERSION, caches, route);
  }
}
