package io.gridshift.sandbox.it.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.hazelcast.HazelcastActivitiesImpl;
import io.gridshift.activities.hazelcast.MemberTls;
import io.gridshift.sandbox.hazelcast.HazelcastMember;
import io.gridshift.sandbox.hazelcast.HazelcastMemberSpec;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.sandbox.tls.TlsSidecar;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Hazelcast activities over TLS against a real 5.3.6 member (open source: it cannot serve TLS)
 * behind a real {@link TlsSidecar}, the way a mesh fronts it, with the pods and Secrets in the
 * Kubernetes mock: health, versions and map counts with the right CA; a clear InvalidRequest, not
 * "unreachable", with a CA that did not issue the sidecar's certificate.
 */
@EnableKubernetesMockClient(crud = true)
class HazelcastTlsIT {
  private static final String VERSION = "5.3.6";
  private static final String CLUSTER_NAME = "it-hz-tls";
  private static final String IP = "127.0.32.1";
  private static final int PORT = 5701;
  private static final int TLS_PORT = 5443;
  private static final ClusterRef CLUSTER = new ClusterRef("it", "hz");
  private static final Map<String, String> LABELS = Map.of("app", "hz-tls");
  private static final String SIDECAR = MemberTls.SIDECAR_PORT_ANNOTATION;
  private static final String CA = MemberTls.CA_SECRET_ANNOTATION;

  static KubernetesClient client;

  private static HazelcastMember member;
  private static TlsSidecar sidecar;
  private static TestActivityEnvironment env;
  private static HazelcastActivities activities;

  @BeforeAll
  static void setUp() throws Exception {
    Path dir = Path.of("target", "it-hazelcast-tls");
    member =
        HazelcastMember.start(
            new HazelcastMemberSpec(
                VERSION,
                dir.resolve("hz-0"),
                IP,
                PORT,
                CLUSTER_NAME,
                List.of(IP + ":" + PORT),
                null,
                List.of(),
                Map.of()));
    SandboxPki mesh = SandboxPki.create(dir.resolve("mesh"), "it-mesh");
    SandboxPki other = SandboxPki.create(dir.resolve("other"), "it-other");
    sidecar = TlsSidecar.start(mesh.context(mesh.server("hz-0", IP)), IP, TLS_PORT, PORT);
    assertThat(member.awaitReady(Duration.ofSeconds(120)))
        .as("%s ready; see %s", member, member.logFile())
        .isTrue();
    caSecret("mesh-ca", mesh);
    caSecret("other-ca", other);
    client.configMaps().inNamespace(CLUSTER.namespace()).resource(config()).create();
    statefulSet("hz", Map.of(SIDECAR, "5443", CA, "mesh-ca"));
    statefulSet("hz-wrong-ca", Map.of(SIDECAR, "5443", CA, "other-ca"));
    statefulSet("hz-no-ca", Map.of(SIDECAR, "5443"));
    pod();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new HazelcastActivitiesImpl(ClusterAccess.of(CLUSTER.cluster(), client)));
    activities =
        env.newActivityStub(
            HazelcastActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterAll
  static void tearDown() {
    if (env != null) {
      env.close();
    }
    if (sidecar != null) {
      sidecar.close();
    }
    if (member != null) {
      member.stop(Duration.ofSeconds(30));
    }
  }

  @Test
  void withTheRightCaTheMemberIsAskedOverTls() {
    ClusterSnapshot snapshot = activities.snapshot(endpoint("hz"));

    assertThat(snapshot.members())
        .extracting(MemberHealth::pod, MemberHealth::address, MemberHealth::version)
        .containsExactly(tuple("hz-0", IP + ":" + TLS_PORT, VERSION));
    assertThat(snapshot.safe(1)).as("%s", snapshot).isTrue();
    assertThat(snapshot.clusterVersion()).isEqualTo("5.3");
  }

  @Test
  void theSidecarPortSpeaksTlsOnly() {
    // What the snapshot above read cannot have come in plain text from that port.
    HttpRequest plain =
        HttpRequest.newBuilder(URI.create("http://" + IP + ":" + TLS_PORT + "/hazelcast/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    assertThatThrownBy(
            () -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void withTheRightCaMapsAreCountedThroughTheTlsEndpoint() {
    HazelcastInstance writer = plainClient();
    try {
      for (int i = 0; i < 1_000; i++) {
        writer.<Integer, String>getMap("tls-orders").set(i, "order-" + i);
      }
    } finally {
      writer.shutdown();
    }

    assertThat(activities.mapSizes(endpoint("hz"))).containsEntry("tls-orders", 1_000L);
  }

  @Test
  void withAWrongCaTheSnapshotFailsSayingWhichSecretToFix() {
    assertThatThrownBy(() -> activities.snapshot(endpoint("hz-wrong-ca")))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains("pod hz-0 at " + IP + ":" + TLS_PORT)
                  .contains("not trusted by the CA in Secret hz/other-ca key ca.crt")
                  .contains(MemberTls.CA_SECRET_ANNOTATION);
            });
  }

  @Test
  void withAWrongCaTheMapCountFailsSayingWhichSecretToFix() {
    assertThatThrownBy(() -> activities.mapSizes(endpoint("hz-wrong-ca")))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains(IP + ":" + TLS_PORT)
                  .contains("not trusted by the CA in Secret hz/other-ca");
            });
  }

  @Test
  void aSidecarWithoutACaSecretIsRefused() {
    assertThatThrownBy(() -> activities.snapshot(endpoint("hz-no-ca")))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("sets " + MemberTls.SIDECAR_PORT_ANNOTATION)
                  .contains("but not " + MemberTls.CA_SECRET_ANNOTATION);
            });
  }

  private static HazelcastEndpoint endpoint(String name) {
    return new HazelcastEndpoint(new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, name), PORT);
  }

  /** The test's own application client, on the member port as applications in the pod's mesh. */
  private static HazelcastInstance plainClient() {
    ClientConfig config = new ClientConfig();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().setAddresses(List.of(IP + ":" + PORT));
    return HazelcastClient.newHazelcastClient(config);
  }

  private static void caSecret(String name, SandboxPki ca) throws IOException {
    String pem = Base64.getEncoder().encodeToString(Files.readAllBytes(ca.caCertificatePem()));
    client
        .secrets()
        .inNamespace(CLUSTER.namespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToData(MemberTls.CA_KEY, pem)
                .build())
        .create();
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap config() {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("hz-config")
        .endMetadata()
        .addToData("hazelcast.yaml", "hazelcast:\n  cluster-name: " + CLUSTER_NAME + "\n")
        .build();
  }

  /** A StatefulSet over the one pod, its template annotated with {@code annotations}. */
  private static void statefulSet(String name, Map<String, String> annotations) {
    client
        .apps()
        .statefulSets()
        .inNamespace(CLUSTER.namespace())
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(LABELS)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(LABELS)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("hazelcast")
                .withImage("hazelcast/hazelcast:" + VERSION)
                .endContainer()
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName("hz-config")
                .endConfigMap()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withReplicas(1)
                .withReadyReplicas(1)
                .endStatus()
                .build())
        .create();
  }

  private static void pod() {
    client
        .pods()
        .inNamespace(CLUSTER.namespace())
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("hz-0")
                .withLabels(LABELS)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("hazelcast")
                .withImage("hazelcast/hazelcast:" + VERSION)
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP(IP)
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build())
        .create();
  }
}
