package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static io.gridshift.activities.kubernetes.Fixtures.SOURCE_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** deployTarget against the mock: what it creates, exactly, and that a retry changes nothing. */
@EnableKubernetesMockClient(crud = true)
class DeployTargetTest {
  static final String TARGET = "dg-15-0-21";
  static final String TARGET_IMAGE = "quay.io/infinispan/server:15.0.21.Final";
  static final Map<String, String> TARGET_SELECTOR = Map.of("gridshift.io/grid", TARGET);

  KubernetesMockServer server;
  KubernetesClient client;
  private InfinispanDeployActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    activities =
        new InfinispanDeployActivitiesImpl(ClusterAccess.of(Fixtures.CLUSTER.cluster(), client));
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("dg", "quay.io/infinispan/server:14.0.28.Final", 3))
        .create();
    client.configMaps().resource(Fixtures.scripts()).create();
    client.configMaps().resource(Fixtures.gridConfig("dg")).create();
    client.services().resource(Fixtures.service("dg", SOURCE_SELECTOR)).create();
  }

  @Test
  void createsTheSourceServiceTheConfigMapTheStatefulSetAndTheTargetService() {
    activities.deployTarget(runtimeMode());

    Service source = service("dg-source");
    assertThat(source.getMetadata().getLabels())
        .isEqualTo(Map.of("gridshift.io/managed-by", "gridshift", "gridshift.io/source", "dg"));
    assertThat(source.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(source.getSpec().getSelector()).isEqualTo(SOURCE_SELECTOR);
    assertHotRodPort(source);

    ConfigMap config = configMap(TARGET + "-config");
    assertThat(config.getMetadata().getLabels()).isEqualTo(targetLabels());
    // A copy of the source's ConfigMap, except that the target forms its own JGroups cluster.
    Map<String, String> expected = new java.util.HashMap<>(Fixtures.gridConfig("dg").getData());
    expected.computeIfPresent(
        "infinispan.xml", (k, xml) -> InfinispanXml.withTransportCluster(xml, TARGET));
    assertThat(config.getData()).isEqualTo(expected);
    assertThat(config.getData().get("infinispan.xml")).contains("cluster=\"" + TARGET + "\"");

    Service target = service(TARGET);
    assertThat(target.getMetadata().getLabels()).isEqualTo(targetLabels());
    assertThat(target.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(target.getSpec().getSelector()).isEqualTo(TARGET_SELECTOR);
    assertHotRodPort(target);

    // The client Service is untouched and does not select target pods.
    Service client = service("dg");
    assertThat(client.getSpec().getSelector()).isEqualTo(SOURCE_SELECTOR);
    assertThat(statefulSet(TARGET).getSpec().getTemplate().getMetadata().getLabels())
        .doesNotContainKeys(SOURCE_SELECTOR.keySet().toArray(String[]::new));
  }

  @Test
  void theTargetStatefulSetIsTheSourceWithItsOwnIdentityImageAndStrategy() {
    activities.deployTarget(runtimeMode());

    StatefulSet sts = statefulSet(TARGET);
    assertThat(sts.getMetadata().getLabels()).isEqualTo(targetLabels());
    assertThat(sts.getSpec().getSelector().getMatchLabels()).isEqualTo(TARGET_SELECTOR);
    assertThat(sts.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
    assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(Map.of("tier", "cache", "gridshift.io/grid", TARGET));
    assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("team", "payments");
    assertThat(sts.getSpec().getServiceName()).isEqualTo(TARGET);
    assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
    assertThat(sts.getSpec().getMinReadySeconds()).isEqualTo(30);
    assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(sts.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
    assertThat(sts.getSpec().getTemplate().getSpec().getContainers())
        .extracting(Container::getName, Container::getImage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("metrics", "quay.io/prometheus/jmx-exporter:1.0.1"),
            org.assertj.core.groups.Tuple.tuple("server", TARGET_IMAGE));
    assertThat(sts.getSpec().getTemplate().getSpec().getVolumes())
        .extracting(v -> v.getName() + "=" + v.getConfigMap().getName())
        .containsExactly("scripts=scripts", "config=" + TARGET + "-config");
    assertThat(server(sts).getEnv()).extracting(EnvVar::getName).containsExactly("JAVA_OPTIONS");
    assertThat(sts.getSpec().getVolumeClaimTemplates())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("data");
    assertThat(sts.getStatus() == null || sts.getStatus().getReadyReplicas() == null).isTrue();
    // The source itself is not modified.
    assertThat(statefulSet("dg").getMetadata().getResourceVersion()).isEqualTo("1");
  }

  @Test
  void aSecondCallChangesNothingAndDuplicatesNothing() {
    activities.deployTarget(runtimeMode());
    List<String> before = resourceVersions();

    List<String> again =
        Fixtures.requestsDuring(server, () -> activities.deployTarget(runtimeMode()));

    assertThat(again).isNotEmpty().allMatch(r -> r.startsWith("GET "));
    assertThat(resourceVersions()).isEqualTo(before);
    assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).hasSize(2);
    assertThat(client.services().inNamespace(NS).list().getItems()).hasSize(3);
    assertThat(client.configMaps().inNamespace(NS).list().getItems()).hasSize(3);
  }

  @Test
  void aRetryConvergesATargetThatDrifted() {
    activities.deployTarget(runtimeMode());
    client
        .apps()
        .statefulSets()
        .inNamespace(NS)
        .withName(TARGET)
        .edit(
            sts -> {
              sts.getSpec().setMinReadySeconds(0);
              server(sts).setImage("quay.io/infinispan/server:15.0.0.Final");
              return sts;
            });

    activities.deployTarget(runtimeMode());

    StatefulSet sts = statefulSet(TARGET);
    assertThat(sts.getSpec().getMinReadySeconds()).isEqualTo(30);
    assertThat(server(sts).getImage()).isEqualTo(TARGET_IMAGE);
  }

  @Test
  void configModeAddsTheRemoteStoreCachesPointingAtTheSourceServiceByDnsName() {
    createSecret("dg-credentials", Map.of("username", "dXNlcg==", "password", "cGFzcw=="));

    activities.deployTarget(configMode("dg-credentials"));

    ConfigMap config = configMap(TARGET + "-config");
    String xml = config.getData().get("infinispan.xml");
    // The mock assigns no cluster IP: the Service's DNS name is the fallback.
    assertThat(xml)
        .contains("<remote-server host=\"dg-source.demo.svc.cluster.local\" port=\"11222\"/>")
        .doesNotContain("${gridshift.source.host}")
        .contains("<replicated-cache name=\"settings\"/>");
    // One "sessions" cache: the source's definition was replaced by the one with a remote store.
    assertThat(xml.split("name=\"sessions\"", -1)).hasSize(2);
    assertThat(xml).contains("cache=\"sessions\"");
    assertThat(config.getData()).containsEntry("users.properties", "admin=secret\n");
    List<EnvVar> env = server(statefulSet(TARGET)).getEnv();
    assertThat(env)
        .extracting(EnvVar::getName)
        .containsExactly("JAVA_OPTIONS", "GRIDSHIFT_SOURCE_USERNAME", "GRIDSHIFT_SOURCE_PASSWORD");
    assertThat(env.subList(1, 3))
        .allSatisfy(e -> assertThat(e.getValue()).isNull())
        .extracting(
            e -> e.getValueFrom().getSecretKeyRef().getName(),
            e -> e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dg-credentials", "username"),
            org.assertj.core.groups.Tuple.tuple("dg-credentials", "password"));
  }

  @Test
  void configModeUsesTheClusterIpWhenTheApiServerAssignedOne() {
    client
        .services()
        .resource(
            new ServiceBuilder(Fixtures.service("dg-source", SOURCE_SELECTOR))
                .editMetadata()
                .withLabels(Map.of("gridshift.io/source", "dg"))
                .endMetadata()
                .editSpec()
                .withClusterIP("10.96.0.7")
                .endSpec()
                .build())
        .create();

    activities.deployTarget(configMode(null));

    assertThat(configMap(TARGET + "-config").getData().get("infinispan.xml"))
        .contains("<remote-server host=\"10.96.0.7\" port=\"11222\"/>");
    assertThat(server(statefulSet(TARGET)).getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("JAVA_OPTIONS");
    assertThat(service("dg-source").getMetadata().getLabels())
        .containsEntry("gridshift.io/managed-by", "gridshift");
  }

  @Test
  void aMissingOrIncompleteSecretStopsBeforeAnythingIsCreated() {
    createSecret("half", Map.of("username", "dXNlcg=="));

    assertThatThrownBy(() -> activities.deployTarget(configMode("nope")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.SECRET_NOT_FOUND))
        .hasMessageContaining("Secret demo/nope in cluster test not found");
    assertThatThrownBy(() -> activities.deployTarget(configMode("half")))
        .hasMessageContaining("Secret demo/half in cluster test lacks key username or password");
    assertThat(service("dg-source")).isNull();
    assertThat(statefulSet(TARGET)).isNull();
  }

  @Test
  void objectsThatAreNotGridshiftsAreNeverTakenOver() {
    client.services().resource(Fixtures.service("dg-source", Map.of("app", "other"))).create();

    assertThatThrownBy(() -> activities.deployTarget(runtimeMode()))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST))
        .hasMessageContaining("Service demo/dg-source already exists and was not created by")
        .hasMessageContaining("delete it or choose other names");
    assertThat(service("dg-source").getSpec().getSelector()).isEqualTo(Map.of("app", "other"));
    assertThat(statefulSet(TARGET)).isNull();
  }

  @Test
  void whatItCreatesCarriesTheClaimAndAnotherUpgradesTargetIsNeverConverged() {
    DeployTargetRequest a = withClaim(runtimeMode(), "upgrade-a");
    activities.deployTarget(a);

    for (HasMetadata created :
        List.<HasMetadata>of(
            client.apps().statefulSets().inNamespace(NS).withName(TARGET).get(),
            client.services().inNamespace(NS).withName(TARGET).get(),
            client.services().inNamespace(NS).withName("dg-source").get())) {
      assertThat(created.getMetadata().getAnnotations())
          .containsEntry(ClaimRequest.ANNOTATION, "upgrade-a");
    }
    assertThatThrownBy(() -> activities.deployTarget(withClaim(runtimeMode(), "upgrade-b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.CLAIM_CONFLICT);
              assertThat(f.getOriginalMessage()).contains("held by another upgrade, upgrade-a");
            });
  }

  private static DeployTargetRequest withClaim(DeployTargetRequest r, String claim) {
    return new DeployTargetRequest(
        r.cluster(),
        r.sourceGrid(),
        r.targetGrid(),
        r.sourceService(),
        r.targetImage(),
        r.minReadySeconds(),
        r.port(),
        r.remoteStoreCaches(),
        r.cacheConfigsXml(),
        r.credentialsSecret(),
        claim);
  }

  @Test
  void overTlsTheTargetPodsMountATrustStoreMadeFromTheSourcesCa() throws Exception {
    createSecret(
        "dg-ca",
        Map.of(
            "ca.crt",
            java.util.Base64.getEncoder()
                .encodeToString(
                    io.gridshift.activities.TestCertificates.CA_PEM.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))));

    activities.deployTarget(withTls(runtimeMode(), "dg-ca"));
    Secret first = client.secrets().inNamespace(NS).withName(TARGET + "-source-trust").get();
    activities.deployTarget(withTls(runtimeMode(), "dg-ca"));
    Secret second = client.secrets().inNamespace(NS).withName(TARGET + "-source-trust").get();

    assertThat(first.getMetadata().getLabels()).containsEntry(GridLabels.SOURCE, "dg");
    assertThat(second.getData()).as("a retry keeps store and password").isEqualTo(first.getData());
    String password =
        new String(
            java.util.Base64.getDecoder().decode(first.getData().get("password")),
            java.nio.charset.StandardCharsets.UTF_8);
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(
        new java.io.ByteArrayInputStream(
            java.util.Base64.getDecoder().decode(first.getData().get("truststore.p12"))),
        password.toCharArray());
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.isCertificateEntry(store.aliases().nextElement())).isTrue();
    var pod =
        client
            .apps()
            .statefulSets()
            .inNamespace(NS)
            .withName(TARGET)
            .get()
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("gridshift-source-trust"))
        .singleElement()
        .satisfies(
            v -> assertThat(v.getSecret().getSecretName()).isEqualTo(TARGET + "-source-trust"));
    var container =
        pod.getContainers().stream().filter(c -> c.getName().equals("server")).findFirst().get();
    assertThat(container.getVolumeMounts())
        .filteredOn(m -> m.getName().equals("gridshift-source-trust"))
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/gridshift/source-trust"));
    assertThat(container.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("GRIDSHIFT_SOURCE_TRUSTSTORE");
              assertThat(e.getValue()).isEqualTo("/etc/gridshift/source-trust/truststore.p12");
            })
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("GRIDSHIFT_SOURCE_TRUSTSTORE_PASSWORD");
              assertThat(e.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo(TARGET + "-source-trust");
            });

    // Removing the target (compensation) removes its trust Secret with it, not the CA Secret.
    activities.deleteGrid(
        new io.gridshift.workflows.infinispan.activities.DeleteGridRequest(
            CLUSTER, TARGET, List.of(), true, null));
    assertThat(client.secrets().inNamespace(NS).withName(TARGET + "-source-trust").get()).isNull();
    assertThat(client.secrets().inNamespace(NS).withName("dg-ca").get()).isNotNull();
  }

  @Test
  void overTlsAMissingCaSecretStopsBeforeTheTargetIsCreated() {
    assertThatThrownBy(() -> activities.deployTarget(withTls(runtimeMode(), "no-ca")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.SECRET_NOT_FOUND);
              assertThat(f.getOriginalMessage()).contains("no-ca (tlsSecret, the source's CA)");
            });
    assertThat(client.apps().statefulSets().inNamespace(NS).withName(TARGET).get()).isNull();
  }

  private static DeployTargetRequest withTls(DeployTargetRequest r, String tlsSecret) {
    return new DeployTargetRequest(
        r.cluster(),
        r.sourceGrid(),
        r.targetGrid(),
        r.sourceService(),
        r.targetImage(),
        r.minReadySeconds(),
        r.port(),
        r.remoteStoreCaches(),
        r.cacheConfigsXml(),
        r.credentialsSecret(),
        r.claim(),
        tlsSecret);
  }

  @Test
  void aMissingSourceIsGridNotFound() {
    DeployTargetRequest request =
        new DeployTargetRequest(
            CLUSTER,
            "nope",
            TARGET,
            "dg-source",
            TARGET_IMAGE,
            30,
            11222,
            List.of(),
            null,
            null,
            null);

    assertThatThrownBy(() -> activities.deployTarget(request))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.GRID_NOT_FOUND));
  }

  static DeployTargetRequest runtimeMode() {
    return new DeployTargetRequest(
        CLUSTER, "dg", TARGET, "dg-source", TARGET_IMAGE, 30, 11222, List.of(), null, null, null);
  }

  static DeployTargetRequest configMode(String secret) {
    return new DeployTargetRequest(
        CLUSTER,
        "dg",
        TARGET,
        "dg-source",
        TARGET_IMAGE,
        30,
        11222,
        List.of("sessions", "carts"),
        Fixtures.resource("remote-store-caches.xml"),
        secret,
        null);
  }

  static Map<String, String> targetLabels() {
    return Map.of(
        "gridshift.io/managed-by",
        "gridshift",
        "gridshift.io/source",
        "dg",
        "gridshift.io/grid",
        TARGET);
  }

  static Container server(StatefulSet sts) {
    return sts.getSpec().getTemplate().getSpec().getContainers().get(1);
  }

  private void createSecret(String name, Map<String, String> data) {
    client
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withData(data)
                .build())
        .create();
  }

  private static void assertHotRodPort(Service service) {
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("hotrod");
              assertThat(p.getPort()).isEqualTo(11222);
              assertThat(p.getTargetPort().getIntVal()).isEqualTo(11222);
            })
        .extracting(ServicePort::getProtocol)
        .isEqualTo("TCP");
  }

  private List<String> resourceVersions() {
    return Stream.<HasMetadata>of(
            service("dg-source"),
            configMap(TARGET + "-config"),
            statefulSet(TARGET),
            service(TARGET))
        .map(o -> o.getKind() + "=" + o.getMetadata().getResourceVersion())
        .toList();
  }

  private Service service(String name) {
    return client.services().inNamespace(NS).withName(name).get();
  }

  private ConfigMap configMap(String name) {
    return client.configMaps().inNamespace(NS).withName(name).get();
  }

  private StatefulSet statefulSet(String name) {
    return client.apps().statefulSets().inNamespace(NS).withName(name).get();
  }
}
