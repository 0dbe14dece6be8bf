package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridshift.demo.InfinispanDemo;
import io.gridshift.demo.InfinispanDemoGrid;
import io.gridshift.demo.traffic.CacheRouter;
import io.gridshift.demo.traffic.TrafficOptions;
import io.gridshift.demo.traffic.TrafficProbe;
import io.gridshift.demo.traffic.TrafficRecord;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.starter.UpgradeException;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.worker.observability.PrometheusText;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.InfinispanDetails;
import io.gridshift.workflows.request.UpgradeRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole Infinispan upgrade on the sandbox, through the real worker and workflow: a 3-pod
 * 14.0.28 grid with 100,000 entries in three caches (one protostream-encoded) upgraded to a 3-pod
 * 15.0.21 grid. First, bad requests are refused with clear errors and change nothing in the
 * cluster; then a second upgrade of the same grid is refused while the first runs; the traffic
 * probe writes to the protostream cache too and pauses those writes only for the short pause before
 * switch-traffic (issue 16: its {@code writePauseMs} and catch-up are reported); at the end every
 * key loaded is read back through the client Service and the source is gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfinispanUpgradeEndToEndIT {
  private static final int ENTRIES = 100_000;
  private static final int TRAFFIC_RATE = 50;

  private E2eSandbox e2e;
  private Sandbox sandbox;
  private UpgradeService service;
  private InfinispanDemoGrid grid;
  private Map<String, Integer> loaded;

  @BeforeAll
  void startSandboxAndLoadTheSourceGrid() throws Exception {
    e2e = E2eSandbox.start("gridshift-e2e");
    sandbox = e2e.sandbox();
    service = e2e.service();
    grid = new InfinispanDemoGrid(sandbox.client());
    grid.create(InfinispanDemo.SOURCE_VERSION, 3);
    grid.awaitReady(3, Duration.ofMinutes(8), ready -> {});
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
  @Order(1)
  void unknownGridIsRefusedAndNothingChanges() {
    assertRefused(request("nope", "15.0.21.Final", ""), "StatefulSet default/nope not found");
  }

  @Test
  @Order(2)
  void unknownCacheIsRefusedAndNothingChanges() {
    UpgradeStatus status =
        assertRefused(
            request("dg", "15.0.21.Final", ", \"caches\": [\"sessions\", \"orders\"]"), "orders");
    assertThat(status.message()).contains("sessions").contains("catalog");
  }

  @Test
  @Order(3)
  void aTargetVersionThatIsNotNewerIsRefused() {
    assertRefused(
        request("dg", "14.0.28.Final", ""), "is not newer than the running 14.0.28.Final");
  }

  @Test
  @Order(4)
  void anUntestedTargetVersionIsRefused() {
    UpgradeStatus status =
        assertRefused(request("dg", "16.0.7", ""), "16.0.7 is not a supported target");
    // The shipped upgrade-path matrix refuses with its evidence and names the way round.
    assertThat(status.message())
        .contains("no connection mode is measured usable for 14.0 -> 16.0")
        .contains("RUNTIME: connect FAIL")
        .contains("instead");
  }

  @Test
  @Order(5)
  void aMalformedRequestIsRefusedBeforeAnythingStarts() {
    Map<String, String> before = clusterState();
    assertThatThrownBy(() -> UpgradeRequests.parse("{\"grid\": \"dg\", \"targetVersion\":", false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () -> UpgradeRequests.parse("{\"grid\": \"dg\", \"targetVersion\": \"soon\"}", false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cluster.cluster is required")
        .hasMessageContaining("targetVersion 'soon'");
    assertThat(clusterState()).isEqualTo(before);
  }

  @Test
  @Order(6)
  void upgradesTheGridWithEveryKeyPresentAndRefusesASecondUpgradeMeanwhile() throws Exception {
    UpgradeRequest upgrade =
        UpgradeRequests.parse(
            request("dg", "15.0.21.Final", ", \"protostream\": \"PAUSE_WRITES\""), false);
    // An application keeps reading and writing through the client Service the whole time, to an
    // unencoded cache and to the protostream cache, whose writes it pauses when asked (issue 16).
    CacheRouter client = grid.routedOps(List.of("sessions", InfinispanDemoGrid.PROTOSTREAM_CACHE));
    TrafficProbe probe =
        TrafficProbe.start(client, TrafficOptions.defaults().withRate(TRAFFIC_RATE));
    String id = service.start(upgrade).getWorkflowId();

    OpenGate first = e2e.awaitOpenGate(id);
    // The protostream cache was copied while the probe still wrote to it: no pause so far.
    assertThat(first.name()).isEqualTo("switch-traffic");
    assertThatThrownBy(() -> service.start(upgrade))
        .isInstanceOf(UpgradeException.class)
        .hasMessageContaining("already running as workflow " + id);
    // Issue 10: an upgrade of A's target through A's Service was accepted, and A's rollback then
    // deleted B's source. A holds both now; B is refused naming A, and changes nothing.
    assertThat(annotation(statefulSet("dg"))).isEqualTo(id);
    assertThat(annotation(statefulSet("dg-15-0-21"))).isEqualTo(id);
    assertRefused(
        request("dg-15-0-21", "15.0.21.Final", ", \"service\": \"dg\""),
        "is held by another upgrade, " + id);
    approve(id, "switch-traffic");

    // Right before traffic moves, the short write pause: the probe holds its writes to the caches
    // named, then the gate is approved; writes resume once switch-traffic is done.
    OpenGate pause = e2e.awaitOpenGateOrEnd(id, "switch-traffic");
    assertThat(pause).isNotNull();
    assertThat(pause.name()).isEqualTo("writes-paused");
    List<String> named = service.status(id).details(InfinispanDetails.class).writePausedCaches();
    assertThat(client.pauseWrites(named)).containsExactly(InfinispanDemoGrid.PROTOSTREAM_CACHE);
    approve(id, "writes-paused");
    awaitSwitched(id);
    client.resumeWrites();

    UpgradeStatus done = e2e.approveEveryGate(id);
    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);
    // connectionMode left out: the plan chose it from the shipped matrix, and says why.
    assertThat(done.details(InfinispanDetails.class).plan().connectionModeReason())
        .startsWith("RUNTIME, chosen: measured usable for 14.0 -> 15.0");
    TrafficRecord traffic = probe.verify();
    client.close();
    ZeroDowntime.assertNoErrorsAndNothingLost(traffic);
    CacheProgress catalog = cache(done, InfinispanDemoGrid.PROTOSTREAM_CACHE);
    assertThat(catalog.writePauseMs()).as("the catalog's write pause").isBetween(1L, 60_000L);
    assertThat(catalog.catchUp()).isNotNull();
    // The probe wrote to the catalog between its bulk sync and the pause: the catch-up copied them.
    assertThat(catalog.catchUp().copied()).isPositive();
    assertThat(cache(done, "sessions").writePauseMs()).isNull();
    assertThat(done.details(InfinispanDetails.class).caches())
        .allSatisfy(c -> assertThat(c.missingKeys()).isZero());
    // Exact counts on every cache: the write probe that fails on the protostream cache leaves
    // nothing behind on the target.
    // Exact on the cache the probe does not write; "sessions" and "catalog" hold its keys too.
    assertThat(done.details(InfinispanDetails.class).caches())
        .filteredOn(c -> c.name().equals("events"))
        .allSatisfy(c -> assertThat(c.targetEntries()).isEqualTo(c.sourceEntries()));
    assertThat(strayKeys("catalog")).isEmpty();
    assertThat(grid.missingKeys(loaded))
        .containsOnly(Map.entry("sessions", 0), Map.entry("events", 0), Map.entry("catalog", 0));

    KubernetesClient kube = sandbox.client();
    assertThat(statefulSet("dg")).as("source deleted").isNull();
    assertThat(kube.services().inNamespace("default").withName("dg-gridshift-source").get())
        .isNull();
    StatefulSet target = statefulSet("dg-15-0-21");
    assertThat(target.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(kube.services().inNamespace("default").withName("dg").get().getSpec().getSelector())
        .isEqualTo(Map.of("gridshift.io/grid", "dg-15-0-21"));
    assertThat(annotation(target)).as("claim released").isNull();
    assertThat(annotation(kube.services().inNamespace("default").withName("dg").get())).isNull();
    assertThat(done.audit())
        .filteredOn(a -> a.action().name().equals("APPROVED"))
        .extracting(a -> a.gate())
        .containsExactly("switch-traffic", "writes-paused", "cutover", "delete-source");
    assertTheWorkersMetricsShowTheUpgrade();
  }

  /**
   * Issue 15: the worker's /metrics, scraped as Prometheus would, counts the upgrade and its steps
   * with the contract's names and labels.
   */
  private void assertTheWorkersMetricsShowTheUpgrade() throws Exception {
    Map<String, String> upgrades = Map.of("kind", "infinispan", "cluster", "sandbox");
    PrometheusText metrics = awaitSeries("gridshift_upgrades_completed_total");
    assertThat(metrics.find("gridshift_upgrades_completed_total", Map.of()))
        .containsExactly(
            new PrometheusText.Sample("gridshift_upgrades_completed_total", upgrades, 1.0));
    // The refused upgrades of the tests before count as started and failed.
    assertThat(metrics.value("gridshift_upgrades_started_total", upgrades))
        .isEqualTo(
            metrics.value("gridshift_upgrades_failed_total", upgrades).map(failed -> failed + 1));
    Map<String, String> sync = Map.of("kind", "infinispan", "step", "sync-data");
    assertThat(metrics.value("gridshift_step_duration_seconds_count", sync)).contains(1.0);
    assertThat(metrics.find("gridshift_step_duration_seconds_bucket", sync))
        .extracting(s -> s.labels().keySet())
        .containsOnly(java.util.Set.of("kind", "step", "le"));
    assertThat(metrics.value("gridshift_step_duration_seconds_bucket", with(sync, "le", "+Inf")))
        .contains(1.0);
    Map<String, String> gate = Map.of("kind", "infinispan", "gate", "writes-paused");
    assertThat(metrics.value("gridshift_gate_wait_seconds_count", gate)).contains(1.0);
    assertThat(metrics.find("gridshift_sync_data_entries_per_second", Map.of()))
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.labels()).containsOnlyKeys("cluster", "cache");
              assertThat(s.labels()).containsEntry("cluster", "sandbox");
              assertThat(s.value()).isPositive();
            });
    assertThat(metrics.find("gridshift_verify_mismatches_total", Map.of())).isEmpty();
    assertThat(metrics.value("gridshift_agent_info", Map.of("cluster", "sandbox"))).contains(1.0);
    assertThat(metrics.find("temporal_workflow_completed_total", Map.of())).isNotEmpty();
  }

  /** Scrapes until {@code name} appears: counters reach the registry once a second. */
  private PrometheusText awaitSeries(String name) throws Exception {
    for (int i = 0; i < 50; i++) {
      if (!PrometheusText.scrape(e2e.metricsUrl()).find(name, Map.of()).isEmpty()) {
        Thread.sleep(1_200); // one more report, so the counters of the same moment are in
        return PrometheusText.scrape(e2e.metricsUrl());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " never appeared at " + e2e.metricsUrl());
  }

  private static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> all = new java.util.HashMap<>(labels);
    all.put(key, value);
    return all;
  }

  private void approve(String id, String gate) {
    service.approve(id, new GateDecision(gate, E2eSandbox.APPROVER, "e2e: go"));
  }

  /** Waits until switch-traffic has completed: then the probe may write again. */
  private void awaitSwitched(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      UpgradeStatus status = service.status(id);
      boolean switched =
          status.steps().stream()
              .anyMatch(s -> s.name().equals("switch-traffic") && s.state() == StepState.SUCCEEDED);
      if (switched) {
        return;
      }
      assertThat(status.phase()).as(status.message()).isNotIn(Phase.FAILED, Phase.ABORTED);
      Thread.sleep(100);
    }
    throw new AssertionError("switch-traffic did not complete: " + service.status(id).message());
  }

  private static CacheProgress cache(UpgradeStatus status, String name) {
    return status.details(InfinispanDetails.class).caches().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Keys of {@code cache} on the grid behind Service dg that the test did not load. */
  private List<String> strayKeys(String cache) throws Exception {
    String url =
        "http://" + grid.serviceHost() + ":11222/rest/v2/caches/" + cache + "?action=keys&limit=-1";
    String body =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    List<String> keys =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(body, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
    // The traffic probe's own keys ("probe-<run>-<n>") are expected in the caches it writes.
    return keys.stream()
        .filter(k -> !k.startsWith(cache + "-") && !k.startsWith("probe-"))
        .toList();
  }

  /** Starts {@code json}, waits for the end, and checks it failed in plan with the message. */
  private UpgradeStatus assertRefused(String json, String messagePart) {
    Map<String, String> before = clusterState();
    UpgradeRequest parsed = UpgradeRequests.parse(json, false);
    String id = service.start(parsed).getWorkflowId();
    UpgradeStatus status = e2e.awaitEnd(id);
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.message()).contains(messagePart);
    assertThat(status.steps().get(0).message()).contains(messagePart);
    assertThat(status.steps().get(1).state().name()).isIn("PENDING", "SKIPPED");
    assertThat(clusterState()).as("nothing in the cluster changed").isEqualTo(before);
    return status;
  }

  private static String request(String grid, String version, String extra) {
    return """
        {"cluster": {"cluster": "sandbox", "namespace": "default"}, "grid": "%s",
         "targetVersion": "%s", "requestedBy": "e2e"%s}"""
        .formatted(grid, version, extra);
  }

  /** The upgrade holding {@code object}, or null. */
  private static String annotation(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ClaimRequest.ANNOTATION);
  }

  private StatefulSet statefulSet(String name) {
    return sandbox.client().apps().statefulSets().inNamespace("default").withName(name).get();
  }

  /**
   * Kind/name -> what an upgrade could change (spec or data, labels, annotations) of everything in
   * the namespace; status is left out, since the sandbox's controllers keep updating it.
   */
  private Map<String, String> clusterState() {
    KubernetesClient kube = sandbox.client();
    Map<String, String> state = new TreeMap<>();
    Stream.of(
            kube.apps().statefulSets().inNamespace("default").list().getItems(),
            kube.services().inNamespace("default").list().getItems(),
            kube.configMaps().inNamespace("default").list().getItems())
        .flatMap(List::stream)
        .forEach(r -> state.put(key(r), desiredState(r)));
    return state;
  }

  private static String desiredState(HasMetadata r) {
    Object content = r;
    if (r instanceof StatefulSet s) {
      content = s.getSpec();
    } else if (r instanceof io.fabric8.kubernetes.api.model.Service s) {
      content = s.getSpec();
    } else if (r instanceof io.fabric8.kubernetes.api.model.ConfigMap c) {
      content = c.getData();
    }
    return Serialization.asJson(
        List.of(content, r.getMetadata().getLabels(), r.getMetadata().getAnnotations()));
  }

  private static String key(HasMetadata r) {
    return r.getKind() + "/" + r.getMetadata().getName();
  }
}
