package io.gridshift.activities.hazelcast;

import static io.gridshift.activities.hazelcast.HzFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where gridshift learns that a Hazelcast grid speaks TLS (the pod template's annotations and the
 * member configuration) and what it refuses. The TLS paths themselves run against real members in
 * the sandbox's HazelcastTlsIT.
 */
@EnableKubernetesMockClient(crud = true)
class MemberTlsTest {
  KubernetesClient client;
  private HazelcastActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    activities =
        new HazelcastActivitiesImpl(ClusterAccess.of(HzFixtures.CLUSTER.cluster(), client));
    client.configMaps().resource(HzFixtures.configMap("scripts", "start.sh", "#!/bin/sh")).create();
  }

  @Test
  void noAnnotationMeansPlainText() {
    create(HzFixtures.statefulSet("hz", 1, null), Map.of());

    assertThat(read("hz")).isEmpty();
  }

  @Test
  void aSidecarPortAndACaSecretMeanTlsOnTheSidecarPortTrustingThatCa() {
    secret("mesh-ca", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    create(
        HzFixtures.statefulSet("hz", 1, null),
        Map.of(
            MemberTls.SIDECAR_PORT_ANNOTATION, "5443", MemberTls.CA_SECRET_ANNOTATION, "mesh-ca"));

    MemberTls tls = read("hz").orElseThrow();

    assertThat(tls.port()).isEqualTo(5443);
    assertThat(tls.caPem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(tls.caSource()).isEqualTo("Secret hz/mesh-ca key ca.crt");
  }

  @Test
  void aCaSecretAloneMeansTheMemberServesTlsOnItsOwnPort() {
    secret("hz-ca", "pem");
    create(HzFixtures.statefulSet("hz", 1, null), Map.of(MemberTls.CA_SECRET_ANNOTATION, "hz-ca"));

    assertThat(read("hz")).map(MemberTls::port).contains(5701);
  }

  @Test
  void aSidecarWithoutACaIsRefused() {
    create(
        HzFixtures.statefulSet("hz", 1, null), Map.of(MemberTls.SIDECAR_PORT_ANNOTATION, "5443"));

    assertThatThrownBy(() -> read("hz"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("StatefulSet hz/hz")
                  .contains("but not " + MemberTls.CA_SECRET_ANNOTATION);
            });
  }

  @Test
  void aMissingSecretOrKeyIsSecretNotFoundNamingIt() {
    create(
        HzFixtures.statefulSet("hz", 1, null), Map.of(MemberTls.CA_SECRET_ANNOTATION, "nowhere"));

    assertThatThrownBy(() -> read("hz"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.SECRET_NOT_FOUND);
              assertThat(f.getOriginalMessage())
                  .contains("Secret hz/nowhere, which does not exist");
            });
  }

  @Test
  void aSidecarPortThatIsNoPortIsRefused() {
    secret("mesh-ca", "pem");
    create(
        HzFixtures.statefulSet("hz", 1, null),
        Map.of(
            MemberTls.SIDECAR_PORT_ANNOTATION, "https", MemberTls.CA_SECRET_ANNOTATION, "mesh-ca"));

    assertThatThrownBy(() -> read("hz"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getOriginalMessage()).contains("is 'https', not a port number"));
  }

  @Test
  void membersThatServeTlsThemselvesWithoutACaAreRefusedAtInspect() {
    client
        .configMaps()
        .resource(
            HzFixtures.configMap(
                "hz-config",
                "hazelcast.yaml",
                "hazelcast:\n  network:\n    ssl:\n      enabled: true\n"))
        .create();
    create(HzFixtures.statefulSet("hz", 1, null), Map.of());

    assertThatThrownBy(() -> activities.inspect(HzFixtures.sts("hz")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("serve TLS (network.ssl.enabled)")
                  .contains(MemberTls.CA_SECRET_ANNOTATION);
            });
  }

  @Test
  void theSslSwitchIsReadFromYamlXmlEnvironmentAndJavaOpts() {
    assertThat(
            MemberConfig.fromYaml("hazelcast:\n  network:\n    ssl:\n      enabled: true\n", "y")
                .sslEnabled())
        .isTrue();
    assertThat(MemberConfig.fromYaml("hazelcast:\n  cluster-name: a\n", "y").sslEnabled())
        .isFalse();
    assertThat(
            MemberConfig.fromXml(
                    "<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\"><network>"
                        + "<ssl enabled=\"true\"/></network></hazelcast>",
                    "x")
                .sslEnabled())
        .isTrue();
    StatefulSet viaEnv = HzFixtures.statefulSet("hz-env", 1, null);
    viaEnv
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(1)
        .getEnv()
        .add(new EnvVar("HZ_NETWORK_SSL_ENABLED", "true", null));
    create(viaEnv, Map.of());
    StatefulSet viaOpts =
        HzFixtures.statefulSet("hz-opts", 1, HzFixtures.javaOpts("-Dhz.network.ssl.enabled=true"));
    create(viaOpts, Map.of());

    assertThatThrownBy(() -> activities.inspect(HzFixtures.sts("hz-env")))
        .hasMessageContaining("serve TLS");
    assertThatThrownBy(() -> activities.inspect(HzFixtures.sts("hz-opts")))
        .hasMessageContaining("serve TLS");
  }

  private Optional<MemberTls> read(String name) {
    return MemberTls.read(client, Workload.read(client, HzFixtures.sts(name)), 5701);
  }

  private void create(StatefulSet sts, Map<String, String> annotations) {
    sts.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
    client.apps().statefulSets().inNamespace(NS).resource(sts).create();
  }

  private void secret(String name, String pem) {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToData(MemberTls.CA_KEY, Base64.getEncoder().encodeToString(pem.getBytes()))
                .build())
        .create();
  }
}
