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

  /** A public CA certificate (no key kept): what a trust Secret holds. */
  private static final String CA_PEM =
      "-----BEGIN CERTIFICATE-----\n"
          + "MIIBkDCCATWgAwIBAgIUaFBzB5TlZuQJOsK6sNXi25aqI08wCgYIKoZIzj0EAwIw\n"
          + "HDEaMBgGA1UEAwwRZ3JpZHNoaWZ0LXRlc3QtY2EwIBcNMjYxMjA3MTIyNjM5WhgP\n"
          + "MjEyNjExMTMxMjI2MzlaMBwxGjAYBgNVBAMMEWdyaWRzaGlmdC10ZXN0LWNhMFkw\n"
          + "EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE4dPXSigWiOgU+sVoyUHkPds2jqYN8RiM\n"
          + "td5I9xbilyi+zDNDum/idC40toC6s7ttqPOZr7xT7ESakxW5a7y+oKNTMFEwHQYD\n"
          + "VR0OBBYEFPhmgFqyTjUoJMXEvDl7yAQFabJOMB8GA1UdIwQYMBaAFPhmgFqyTjUo\n"
          + "JMXEvDl7yAQFabJOMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIh\n"
          + "AMMGXgakrNAlCvYTvHas6NMg0LOxf4sGPHcY8VyCPZEyAiEA0m4q5LcJ0HNcJR9g\n"
          + "FTNczv289XKniBbtNLq75hlQEnk=\n"
          + "-----END CERTIFICATE-----\n";

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
  void aTlsSecretGivesTheAddressItsCaAndBadOnesAreNamed() {
    trustSecret("dg-ca", CA_PEM);
    trustSecret("not-pem", "hello");
    trustSecret("no-ca", null);

    GridAddress address = connector.resolve(new GridEndpoint(CLUSTER, "dg", 11222, null, "dg-ca"));

    assertThat(address.trust()).isEqualTo(new GridTrust("grids/dg-ca", CA_PEM));
    assertThat(address.toString()).contains("TLS trusting Secret grids/dg-ca");
    assertThat(connector.resolve(new GridEndpoint(CLUSTER, "dg", 11222, null)).trust()).isNull();
    for (String[] bad :
        new String[][] {
          {"missing", "Secret grids/missing (TLS trust of grid grids/dg) does not exist"},
          {
            "not-pem",
            "Secret grids/not-pem (TLS trust of grid grids/dg): key 'ca.crt' holds no PEM"
          },
          {"no-ca", "Secret grids/no-ca (TLS trust of grid grids/dg) has no key 'ca.crt'"}
        }) {
      assertThatThrownBy(
              () -> connector.resolve(new GridEndpoint(CLUSTER, "dg", 11222, null, bad[0])))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.getType()).isEqualTo(FailureTypes.SECRET_NOT_FOUND);
                assertThat(f.isNonRetryable()).isTrue();
                assertThat(f.getOriginalMessage()).contains(bad[1]);
              });
    }
  }

  @Test
  void aCertificateMayNameTheServiceInAnyOfItsDnsForms() {
    assertThat(GridTrust.serviceNames("grids/dg"))
        .containsExactlyInAnyOrder("dg", "dg.grids", "dg.grids.svc", "dg.grids.svc.cluster.local");
    assertThat(GridTrust.sniName("grids/dg")).isEqualTo("dg.grids.svc");
  }

  private void trustSecret(String name, String caPem) {
    SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(name).endMetadata();
    if (caPem != null) {
      secret.addToData(GridTrust.CA_KEY, b64(caPem));
    } else {
      secret.addToData("tls.key", b64("not used"));
    }
    client.secrets().inNamespace("grids").resource(secret.build()).create();
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
