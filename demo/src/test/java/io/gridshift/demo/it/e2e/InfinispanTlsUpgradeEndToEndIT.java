package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.infinispan.SourceTrustStore;
import io.gridshift.demo.InfinispanDemo;
import io.gridshift.demo.InfinispanDemoGrid;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.TrafficOptions;
import io.gridshift.demo.traffic.TrafficProbe;
import io.gridshift.demo.traffic.TrafficRecord;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.InfinispanDetails;
import io.gridshift.workflows.request.UpgradeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An Infinispan blue-green upgrade whose grids speak TLS only, end to end on the sandbox with the
 * project's own RBAC enforced: a 2-pod 14.0.28 grid (certificate from a CA made at test time for
 * the grid's Service, the pinned source Service and the target's Service) upgraded to 15.0.21 with
 * a request naming the CA Secret as {@code tlsSecret}, in RUNTIME mode, with the demo's caches (the
 * protostream one migrated while writes are paused), as {@code demo infinispan --secure} runs it.
 * The target's remote stores read through to the source over TLS, trusting the CA from the trust
 * store Secret deploy-target mounts into the target pods; an application keeps reading and writing
 * over TLS the whole time; at the end every loaded key is read back through the client Service, now
 * the target's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfinispanTlsUpgradeEndToEndIT {
  private static final int ENTRIES = 600;
  private static final String TARGET = "dg-15-0-21";

  private E2eSandbox e2e;
  private Sandbox sandbox;
  private UpgradeService service;
  private InfinispanDemoGrid grid;
  private Map<String, Integer> loaded;

  @BeforeAll
  void startSandboxAndLoadATlsGrid() throws Exception {
    e2e = E2eSandbox.start("gridshift-tls-e2e", o -> o.withRbacFrom(Path.of("..", "deploy")));
    sandbox = e2e.sandbox();
    service = e2e.service();
    Path pkiDir = Files.createTempDirectory("gridshift-tls-e2e-pki");
    SandboxPki pki = SandboxPki.create(pkiDir, "dg-ca");
    grid = new InfinispanDemoGrid(sandbox.client()).withTls(pki, "dg-gridshift-source", TARGET);
    grid.create(InfinispanDemo.SOURCE_VERSION, 2);
    grid.awaitReady(2, Duration.ofMinutes(6), ready -> {});
    // The demo's three caches (schema registered over HTTPS; "catalog" protostream-encoded).
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
  void upgradesAGridOverTlsWithEveryKeyPresent() throws Exception {
    UpgradeRequest upgrade =
        UpgradeRequests.parse(
            """
            {"cluster": {"cluster": "sandbox", "namespace": "default"}, "grid": "dg",
             "targetVersion": "15.0.21.Final", "requestedBy": "e2e", "tlsSecret": "%s",
             "protostream": "PAUSE_WRITES"}"""
                .formatted(grid.tlsSecret()),
            false);
    GridOps client = grid.ops("sessions");
    TrafficProbe probe = TrafficProbe.start(client, TrafficOptions.defaults().withRate(20));
    String id = service.start(upgrade).getWorkflowId();

    UpgradeStatus done = e2e.approveEveryGate(id);

    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);
    TrafficRecord traffic = probe.verify();
    client.close();
    ZeroDowntime.assertNoErrorsAndNothingLost(traffic);
    assertThat(done.details(InfinispanDetails.class).caches())
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.missingKeys()).isZero());
    assertThat(grid.missingKeys(loaded))
        .containsOnly(Map.entry("sessions", 0), Map.entry("events", 0), Map.entry("catalog", 0));

    KubernetesClient kube = sandbox.client();
    StatefulSet target = kube.apps().statefulSets().inNamespace("default").withName(TARGET).get();
    assertThat(target.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(target.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals(SourceTrustStore.VOLUME))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getSecret().getSecretName())
                    .isEqualTo(SourceTrustStore.secretName(TARGET)));
    Secret trust =
        kube.secrets().inNamespace("default").withName(SourceTrustStore.secretName(TARGET)).get();
    assertThat(trust.getData())
        .containsKeys(
            SourceTrustStore.STORE_KEY, SourceTrustStore.PASSWORD_KEY, SourceTrustStore.CA_KEY);
    assertThat(trust.getMetadata().getLabels()).containsEntry("gridshift.io/source", "dg");
    assertThat(kube.apps().statefulSets().inNamespace("default").withName("dg").get())
        .as("source deleted")
        .isNull();
  }
}
