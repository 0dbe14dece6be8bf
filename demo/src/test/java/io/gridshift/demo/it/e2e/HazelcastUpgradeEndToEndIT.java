package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridshift.demo.HazelcastDemo;
import io.gridshift.demo.HazelcastDemoGrid;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.TrafficOptions;
import io.gridshift.demo.traffic.TrafficProbe;
import io.gridshift.demo.traffic.TrafficRecord;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastDetails;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Hazelcast rolling upgrade on the sandbox with real members, through the real worker and
 * workflow: refusals by the preflight change nothing (an unsafe manifest, a downgrade; an open
 * source minor jump takes the blue-green path now, see HazelcastBlueGreenIT); then 5.3.6 -> 5.3.8,
 * pod by pod, with 100,000 entries and none lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HazelcastUpgradeEndToEndIT {
  private static final int ENTRIES = 100_000;

  private E2eSandbox e2e;
  private Sandbox sandbox;
  private UpgradeService service;
  private HazelcastDemoGrid grid;
  private Map<String, Integer> loaded;

  @BeforeAll
  void startSandboxAndLoadTheCluster() throws Exception {
    e2e = E2eSandbox.start("gridshift-hz-e2e");
    sandbox = e2e.sandbox();
    service = e2e.service();
    grid = new HazelcastDemoGrid(sandbox.client());
    grid.create(HazelcastDemo.SOURCE_VERSION, 3);
    grid.awaitReady(3, Duration.ofMinutes(5), ready -> {});
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
  void aDowngradeIsRefused() {
    UpgradeStatus status = refused(request("hz", "5.3.0", ""));
    assertThat(status.message()).contains("5.3.6").contains("5.3.0").contains("older");
  }

  @Test
  @Order(2)
  void anUnsafeManifestIsRefusedWithTheRuleAndTheFix() throws Exception {
    // The runbook's trap: max.wait 600 but Kubernetes kills the pod after 30 s.
    StatefulSet unsafe =
        statefulSet(
            "hz-unsafe",
            1,
            "-Dhazelcast.shutdownhook.policy=GRACEFUL -Dhazelcast.graceful.shutdown.max.wait=600");
    sandbox.client().apps().statefulSets().inNamespace("default").resource(unsafe).create();
    new HazelcastDemoGrid(sandbox.client()).awaitReadyPods("hz-unsafe", 1, Duration.ofMinutes(3));

    UpgradeStatus status = refused(request("hz-unsafe", "5.3.8", ""));
    assertThat(status.message())
        .contains("terminationGracePeriodSeconds 30")
        .contains("hazelcast.graceful.shutdown.max.wait 600")
        .contains("raise it to at least 600");
  }

  @Test
  @Order(4)
  void rollsPodByPodWithNothingLost() throws Exception {
    // An application keeps reading and writing through the grid's Service the whole time, on a
    // map of its own so the loaded maps' counts stay exact.
    GridOps client = grid.trafficOps("traffic");
    TrafficProbe probe = TrafficProbe.start(client, TrafficOptions.defaults().withRate(50));
    String id =
        service.start(UpgradeRequests.parse(request("hz", "5.3.8", ""), false)).getWorkflowId();
    UpgradeStatus done = e2e.approveEveryGate(id);

    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);
    TrafficRecord traffic = probe.verify();
    client.close();
    ZeroDowntime.assertNoErrorsAndNothingLost(traffic);
    assertThat(done.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::version)
        .containsOnly("5.3.8")
        .hasSize(3);
    assertThat(done.details(HazelcastDetails.class).maps())
        .filteredOn(m -> !m.name().equals("traffic"))
        .allSatisfy(m -> assertThat(m.entriesAfter()).isEqualTo(m.entriesBefore()));
    assertThat(grid.lostKeys(loaded))
        .containsOnly(Map.entry("orders", 0), Map.entry("sessions", 0));
    KubernetesClient kube = sandbox.client();
    StatefulSet hz = kube.apps().statefulSets().inNamespace("default").withName("hz").get();
    assertThat(hz.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("hazelcast/hazelcast:5.3.8");
    assertThat(done.audit())
        .filteredOn(a -> a.action().name().equals("APPROVED"))
        .extracting(a -> a.gate())
        .containsExactly("canary");
  }

  @Test
  @Order(3)
  void aPodStuckOnABadImageIsRolledBackTheSameSafeWayWithNothingLost() throws Exception {
    // A tag no registry has (a released version, so the request is valid, with a variant tag
    // nobody published): the first pod waits for its image forever (Pending, ErrImagePull), and
    // the StatefulSet controller waits for it even after the template is reverted. podTimeout 45 s:
    // the rolled-back member must start and join within it, which took over 10 s on two loaded
    // cores (a member starts in ~5-15 s, RUNTIME.md). It runs before
    // the successful roll, while the grid still runs 5.3.6: 5.3.8 is the last open-source 5.3.
    String id =
        service
            .start(
                UpgradeRequests.parse(
                    request(
                        "hz",
                        "5.3.7",
                        ", \"podTimeout\": \"45s\","
                            + " \"targetImage\": \"hazelcast/hazelcast:5.3.7-unpublished\""),
                    false))
            .getWorkflowId();
    UpgradeStatus stuck = awaitGate(id, "resume-or-rollback");
    assertThat(stuck.phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    assertThat(stuck.message())
        .contains("hz-2 did not become safe")
        .contains("pod hz-2 is not Ready (ErrImagePull")
        .contains("keeps partition 2");

    service.reject(id, new GateDecision("resume-or-rollback", "e2e-approver", "bad tag"));
    UpgradeStatus done = e2e.awaitEnd(id);

    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.ABORTED);
    assertThat(done.message()).contains("Rolled back: every member runs 5.3.6 again");
    assertThat(done.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::version)
        .containsOnly("5.3.6")
        .hasSize(3);
    assertThat(grid.lostKeys(loaded))
        .containsOnly(Map.entry("orders", 0), Map.entry("sessions", 0));
    StatefulSet hz =
        sandbox.client().apps().statefulSets().inNamespace("default").withName("hz").get();
    assertThat(hz.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("hazelcast/hazelcast:5.3.6");
    assertThat(
            sandbox.client().pods().inNamespace("default").withLabel("app", "hz").list().getItems())
        .hasSize(3)
        .allSatisfy(
            pod ->
                assertThat(pod.getMetadata().getLabels())
                    .containsEntry("controller-revision-hash", hz.getStatus().getUpdateRevision()));
  }

  @Test
  @Order(5)
  void theExampleManifestRunsAsTheDemoRunsItAndThePreflightPassesIt() throws Exception {
    // What `./gridshift demo hazelcast --grid-manifest deploy/examples/...` does before the roll.
    HazelcastDemoGrid user = new HazelcastDemoGrid(sandbox.client());
    user.apply(Path.of("..", "deploy", "examples", "hazelcast-statefulset.yaml"));
    user.awaitReady(3, Duration.ofMinutes(3), ready -> {});

    assertThat(user.name()).isEqualTo("cache");
    assertThat(user.clientService())
        .hasValueSatisfying(s -> assertThat(s.getMetadata().getName()).isEqualTo("cache"));
    try (GridOps client = user.trafficOps("probe")) {
      client.put("k", "v"); // through the Service, with the cluster name of the manifest's config
      assertThat(client.get("k")).isEqualTo("v");
    }
    Map<String, String> before = desiredState();
    String id =
        service.start(UpgradeRequests.parse(request("cache", "5.3.8", ""), true)).getWorkflowId();
    UpgradeStatus plan = e2e.awaitEnd(id);
    assertThat(plan.phase()).as(plan.message()).isEqualTo(Phase.PLANNED);
    assertThat(plan.message())
        .contains("StatefulSet cache: 3 members 5.3.6 -> 5.3.8")
        .contains("; preflight passed; nothing was changed");
    assertThat(desiredState()).isEqualTo(before);
  }

  @Test
  @Order(6)
  void unsafeSettingsAreFixedFirstByAPacedRollThenTheUpgradeRolls() throws Exception {
    // No shutdown hook policy (TERMINATE by default) and max.wait 600 against a 30 s grace period.
    StatefulSet unsafe = statefulSet("hz-fix", 2, "-Dhazelcast.graceful.shutdown.max.wait=600");
    KubernetesClient kube = sandbox.client();
    kube.apps().statefulSets().inNamespace("default").resource(unsafe).create();
    new HazelcastDemoGrid(kube).awaitReadyPods("hz-fix", 2, Duration.ofMinutes(3));

    String id =
        service
            .start(
                UpgradeRequests.parse(
                    request("hz-fix", "5.3.8", ", \"fixUnsafeSettings\": true"), false))
            .getWorkflowId();
    UpgradeStatus done = e2e.approveEveryGate(id);

    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);
    assertThat(done.audit())
        .filteredOn(a -> a.action().name().equals("APPROVED"))
        .extracting(a -> a.gate())
        .containsExactly("fix-settings", "canary");
    assertThat(done.steps())
        .filteredOn(s -> s.name().equals("fix-settings"))
        .singleElement()
        .satisfies(s -> assertThat(s.state().name()).isEqualTo("SUCCEEDED"));
    assertThat(done.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::version)
        .containsOnly("5.3.8")
        .hasSize(2);
    StatefulSet fixed = kube.apps().statefulSets().inNamespace("default").withName("hz-fix").get();
    var pod = fixed.getSpec().getTemplate().getSpec();
    assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(600L);
    assertThat(pod.getContainers().get(0).getEnv())
        .filteredOn(e -> e.getName().equals("JAVA_OPTS"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getValue())
                    .contains("-Dhazelcast.shutdownhook.policy=GRACEFUL")
                    .contains("-Dhazelcast.graceful.shutdown.max.wait=600"));
  }

  /** A 5.3.6 StatefulSet with a 30 s grace period and {@code javaOpts}, labelled app=name. */
  private static StatefulSet statefulSet(String name, int replicas, String javaOpts) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(30L)
        .addNewContainer()
        .withName("hazelcast")
        .withImage("hazelcast/hazelcast:5.3.6")
        .addNewEnv()
        .withName("JAVA_OPTS")
        .withValue(javaOpts)
        .endEnv()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private UpgradeStatus awaitGate(String id, String gate) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      UpgradeStatus status = service.status(id);
      if (status.openGate() != null && gate.equals(status.openGate().name())) {
        return status;
      }
      assertThat(status.phase()).as(status.message()).isNotIn(Phase.COMPLETED, Phase.FAILED);
      Thread.sleep(300);
    }
    throw new AssertionError("gate " + gate + " of " + id + " did not open in 5 minutes");
  }

  /** Starts {@code json} and checks it ended FAILED in plan with nothing changed. */
  private UpgradeStatus refused(String json) {
    Map<String, String> before = desiredState();
    String id = service.start(UpgradeRequests.parse(json, false)).getWorkflowId();
    UpgradeStatus status = e2e.awaitEnd(id);
    assertThat(status.phase()).as(status.message()).isEqualTo(Phase.FAILED);
    assertThat(status.steps().get(0).state().name()).isEqualTo("FAILED");
    assertThat(desiredState()).as("nothing in the cluster changed").isEqualTo(before);
    return status;
  }

  private static String request(String grid, String version, String extra) {
    return """
        {"kind": "hazelcast", "cluster": {"cluster": "sandbox", "namespace": "default"},
         "grid": "%s", "targetVersion": "%s", "canary": true, "requestedBy": "e2e"%s}"""
        .formatted(grid, version, extra);
  }

  /** Kind/name -> spec (or data) and labels of what an upgrade could change; status left out. */
  private Map<String, String> desiredState() {
    KubernetesClient kube = sandbox.client();
    Map<String, String> state = new TreeMap<>();
    for (StatefulSet s : kube.apps().statefulSets().inNamespace("default").list().getItems()) {
      state.put(key(s), Serialization.asJson(List.of(s.getSpec(), s.getMetadata().getLabels())));
    }
    for (var c : kube.configMaps().inNamespace("default").list().getItems()) {
      state.put(key(c), Serialization.asJson(c.getData()));
    }
    return state;
  }

  private static String key(HasMetadata r) {
    return r.getKind() + "/" + r.getMetadata().getName();
  }
}
