package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.hazelcast.MemberTls;
import io.gridshift.demo.HazelcastDemoGrid;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.hazelcast.HazelcastMeshTls;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastDetails;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Hazelcast rolling upgrade over TLS: two open source members, each behind the sandbox mesh's
 * TLS sidecar ({@link HazelcastDemoGrid#withMeshTls()}), with gridshift learning TLS and the CA
 * from the StatefulSet's pod template alone. A CA that did not issue the sidecars' certificates
 * stops the upgrade before any change (proof that gridshift did speak TLS); the right one rolls
 * 5.3.6 -> 5.3.8 with health read over https and maps counted through the TLS endpoint, nothing
 * lost. Kept small (2 members, 2,000 entries): the TLS-free suite covers traffic and rollbacks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HazelcastTlsUpgradeEndToEndIT {
  private static final String GRID = "hz-tls";

  private E2eSandbox e2e;
  private Sandbox sandbox;
  private UpgradeService service;
  private HazelcastDemoGrid grid;
  private Map<String, Integer> loaded;

  @BeforeAll
  void startSandboxAndLoadTheCluster() throws Exception {
    e2e = E2eSandbox.start("gridshift-hz-tls-e2e");
    sandbox = e2e.sandbox();
    service = e2e.service();
    grid = new HazelcastDemoGrid(sandbox.client(), "default", GRID).withMeshTls();
    grid.create("5.3.6", 2);
    grid.awaitReady(2, Duration.ofMinutes(5), ready -> {});
    loaded = grid.load(2_000, done -> {});
  }

  @AfterAll
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @Order(1)
  void aCaThatDidNotIssueTheSidecarsCertificatesStopsTheUpgradeBeforeAnyChange() throws Exception {
    KubernetesClient kube = sandbox.client();
    Secret mesh = kube.secrets().inNamespace("default").withName(HazelcastMeshTls.CA_SECRET).get();
    assertThat(mesh).as("the mesh published its CA").isNotNull();
    SandboxPki stranger = SandboxPki.create(Files.createTempDirectory("stranger-ca"), "stranger");
    replaceCa(kube, Files.readAllBytes(stranger.caCertificatePem()));
    try {
      String id = service.start(UpgradeRequests.parse(request(), false)).getWorkflowId();
      UpgradeStatus status = e2e.awaitEnd(id);

      assertThat(status.phase()).as(status.message()).isEqualTo(Phase.FAILED);
      assertThat(status.message())
          .contains("not trusted by the CA in Secret default/" + HazelcastMeshTls.CA_SECRET)
          .contains(MemberTls.CA_SECRET_ANNOTATION);
      assertThat(image(kube)).isEqualTo("hazelcast/hazelcast:5.3.6");
    } finally {
      replaceCa(kube, Base64.getDecoder().decode(mesh.getData().get(MemberTls.CA_KEY)));
    }
  }

  @Test
  @Order(2)
  void rollsPodByPodOverTlsWithNothingLost() throws Exception {
    String id = service.start(UpgradeRequests.parse(request(), false)).getWorkflowId();
    UpgradeStatus done = e2e.approveEveryGate(id);

    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);
    assertThat(done.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::version)
        .containsOnly("5.3.8")
        .hasSize(2);
    assertThat(done.details(HazelcastDetails.class).maps())
        .as("counted over TLS before and after")
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.entriesAfter()).isEqualTo(m.entriesBefore()));
    assertThat(grid.lostKeys(loaded))
        .containsOnly(Map.entry("orders", 0), Map.entry("sessions", 0));
    assertThat(image(sandbox.client())).isEqualTo("hazelcast/hazelcast:5.3.8");
    assertThat(grid.overTls()).as("what the report's gridTls reads").isTrue();
  }

  private static void replaceCa(KubernetesClient kube, byte[] pem) {
    kube.secrets()
        .inNamespace("default")
        .withName(HazelcastMeshTls.CA_SECRET)
        .edit(
            s ->
                new SecretBuilder(s)
                    .withStringData(null)
                    .addToData(MemberTls.CA_KEY, Base64.getEncoder().encodeToString(pem))
                    .build());
  }

  private static String image(KubernetesClient kube) {
    return kube.apps()
        .statefulSets()
        .inNamespace("default")
        .withName(GRID)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private static String request() {
    return """
        {"kind": "hazelcast", "cluster": {"cluster": "sandbox", "namespace": "default"},
         "grid": "%s", "targetVersion": "5.3.8", "canary": true, "requestedBy": "e2e"}"""
        .formatted(GRID);
  }
}
