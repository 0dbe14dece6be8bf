package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.DeployTargetTest.TARGET;
import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static io.gridshift.activities.kubernetes.Fixtures.SOURCE_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** serviceHost, removeRemoteStores and deleteGrid on a target deployed in CONFIG mode. */
@EnableKubernetesMockClient(crud = true)
class TargetLifecycleTest {
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
    activities.deployTarget(DeployTargetTest.configMode(null));
  }

  @Test
  void serviceHostIsTheClusterIpOrElseTheDnsName() {
    client.services().resource(withClusterIp("with-ip", "10.96.0.9")).create();
    client.services().resource(withClusterIp("headless", "None")).create();

    assertThat(activities.serviceHost(CLUSTER, "with-ip")).isEqualTo("10.96.0.9");
    assertThat(activities.serviceHost(CLUSTER, "headless"))
        .isEqualTo("headless.demo.svc.cluster.local");
    assertThat(activities.serviceHost(CLUSTER, "dg-source"))
        .isEqualTo("dg-source.demo.svc.cluster.local");
  }

  @Test
  void serviceHostOfAMissingServiceIsRetryable() {
    assertThatThrownBy(() -> activities.serviceHost(CLUSTER, "later"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isFalse())
        .hasMessageContaining("Service demo/later not found in cluster test");
  }

  @Test
  void removeRemoteStoresRewritesOnlyTheConfigMapAndIsIdempotent() {
    String stsVersion = stsResourceVersion();

    activities.removeRemoteStores(CLUSTER, TARGET);
    ConfigMap first = targetConfig();
    List<String> again =
        Fixtures.requestsDuring(server, () -> activities.removeRemoteStores(CLUSTER, TARGET));

    String xml = first.getData().get("infinispan.xml");
    assertThat(xml)
        .doesNotContain("remote-store")
        .doesNotContain("<persistence")
        .contains("<distributed-cache mode=\"SYNC\" name=\"sessions\" owners=\"2\"/>")
        .contains("<memory max-count=\"1000\"/>");
    assertThat(first.getData()).containsEntry("users.properties", "admin=secret\n");
    assertThat(again)
        .containsExactly("GET /api/v1/namespaces/demo/configmaps/" + TARGET + "-config");
    // The pod template is left alone: no rollout is started by this step itself.
    assertThat(stsResourceVersion()).isEqualTo(stsVersion);
  }

  @Test
  void removeRemoteStoresWithoutTheTargetConfigMapIsAnInvalidRequest() {
    assertThatThrownBy(() -> activities.removeRemoteStores(CLUSTER, "other"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST))
        .hasMessageContaining("ConfigMap demo/other-config with key infinispan.xml not found");
  }

  @Test
  void deleteGridRemovesTheGridItsConfigMapAndTheListedServicesAndMayBeRepeated() {
    DeleteGridRequest request =
        new DeleteGridRequest(CLUSTER, TARGET, List.of(TARGET, "dg-source"), true, null);

    activities.deleteGrid(request);
    activities.deleteGrid(request);

    assertThat(client.apps().statefulSets().inNamespace(NS).withName(TARGET).get()).isNull();
    assertThat(targetConfig()).isNull();
    assertThat(client.services().inNamespace(NS).withName(TARGET).get()).isNull();
    assertThat(client.services().inNamespace(NS).withName("dg-source").get()).isNull();
    // The source and everything not named stays.
    assertThat(client.apps().statefulSets().inNamespace(NS).withName("dg").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(NS).withName("dg-config").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(NS).withName("scripts").get()).isNotNull();
    assertThat(client.services().inNamespace(NS).withName("dg").get()).isNotNull();
  }

  @Test
  void deleteGridKeepsTheConfigMapWhenAskedTo() {
    activities.deleteGrid(new DeleteGridRequest(CLUSTER, "dg", List.of(), false, null));

    assertThat(client.apps().statefulSets().inNamespace(NS).withName("dg").get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName("dg-config").get()).isNotNull();
  }

  private ConfigMap targetConfig() {
    return client.configMaps().inNamespace(NS).withName(TARGET + "-config").get();
  }

  private String stsResourceVersion() {
    return client
        .apps()
        .statefulSets()
        .inNamespace(NS)
        .withName(TARGET)
        .get()
        .getMetadata()
        .getResourceVersion();
  }

  private static io.fabric8.kubernetes.api.model.Service withClusterIp(String name, String ip) {
    return new ServiceBuilder(Fixtures.service(name, SOURCE_SELECTOR))
        .editSpec()
        .withClusterIP(ip)
        .endSpec()
        .build();
  }
}
