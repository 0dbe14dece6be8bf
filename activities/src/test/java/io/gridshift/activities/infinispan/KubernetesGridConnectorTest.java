package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesGridConnectorTest {
  private static final ClusterRef CLUSTER = new ClusterRef("test", "grids");

  KubernetesClient client;
  private KubernetesGridConnector connector;

  @BeforeEach
  void setUp() {
    connector = new KubernetesGridConnector(client);
    service("dg", "10.96.0.7");
    service("headless", "None");
  }

  @Test
  void resolvesTheClusterIpAndTheSecretsCredentials() {
    client
        .secrets()
        .inNamespace("grids")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("dg-credentials")
                .endMetadata()
                .addToData("username", b64("admin"))
                .addToData("password", b64("s3cret"))
                .build())
        .create();

    GridAddress address =
        connector.resolve(new GridEndpoint(CLUSTER, "dg", 11222, "dg-credentials"));

    assertThat(address)
        .isEqualTo(
            new GridAddress(
                "grids/dg", "10.96.0.7", 11222, "admin", "s3cret", "grids/dg-credentials"));
    assertThat(address.toString()).contains("admin").doesNotContain("s3cret");
  }

  @Test
  void fallsBackToTheDnsNameForHeadlessServices() {
    GridAddress address = connector.resolve(new GridEndpoint(CLUSTER, "headless", 11222, null));

    assertThat(address.host()).isEqualTo("headless.grids.svc.cluster.local");
    assertThat(address.hasCredentials()).isFalse();
  }

  @Test
  void missingSecretOrKeyIsNonRetryable() {
    assertThatThrownBy(() -> connector.resolve(new GridEndpoint(CLUSTER, "dg", 11222, "nope")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.SECRET_NOT_FOUND);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains("Secret grids/nope")
                  .contains("does not exist");
            });

    client
        .secrets()
        .inNamespace("grids")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("half")
                .endMetadata()
                .addToData("username", b64("admin"))
                .build())
        .create();
    assertThatThrownBy(() -> connector.resolve(new GridEndpoint(CLUSTER, "dg", 11222, "half")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getOriginalMessage()).contains("has no key 'password'"));
  }

  @Test
  void missingServiceIsRetryable() {
    assertThatThrownBy(() -> connector.resolve(new GridEndpoint(CLUSTER, "gone", 11222, null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getOriginalMessage()).contains("Service grids/gone does not exist");
            });
  }

  private void service(String name, String clusterIp) {
    client
        .services()
        .inNamespace("grids")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withClusterIP(clusterIp)
                .endSpec()
                .build())
        .create();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
