package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.infinispan.GridTlsSecrets;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import io.gridshift.sandbox.infinispan.ServerTls;
import io.gridshift.sandbox.tls.SandboxPki;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfinispanPodRuntimeTest {
  @TempDir static Path dir;
  static LocalKubernetesApi api;
  static KubernetesClient client;
  final InfinispanPodRuntime runtime = new InfinispanPodRuntime();

  @BeforeAll
  static void start() throws Exception {
    api = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"));
    client = api.client();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void handlesInfinispanAndDataGridImagesOfKnownVersionsOnly() {
    assertThat(runtime.handles(pod("x", "quay.io/infinispan/server:14.0.28.Final"))).isTrue();
    assertThat(runtime.handles(pod("x", "registry.example/datagrid/datagrid-8:15.0.21.Final")))
        .isTrue();
    assertThat(runtime.handles(pod("x", "quay.io/infinispan/server:14.0.99.Final")))
        .as("unknown version")
        .isFalse();
    assertThat(runtime.handles(pod("x", "quay.io/infinispan/server"))).as("no tag").isFalse();
    assertThat(runtime.handles(pod("x", "localhost:5000/infinispan")))
        .as("registry port is no tag")
        .isFalse();
    assertThat(runtime.handles(pod("x", "quay.io/infinispan/server@sha256:abc")))
        .as("digest")
        .isFalse();
    assertThat(runtime.handles(pod("x", "hazelcast/hazelcast:5.3.8"))).isFalse();
    assertThat(runtime.describe()).contains("14.0.28.Final", "15.0.21.Final");
  }

  @Test
  void buildsTheServerFromThePodItsConfigMapSecretsAndPeers() {
    client
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("creds")
                .endMetadata()
                .addToStringData("password", "s3cret")
                .build())
        .create();
    client
        .configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("dg-config")
                .endMetadata()
                .addToData("infinispan.xml", "<infinispan/>")
                .addToData("users.properties", "admin=secret")
                .addToData("mode", "sync")
                .build())
        .create();
    client
        .configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("other")
                .endMetadata()
                .addToData("a", "b")
                .build())
        .create();
    Pod peer =
        client
            .pods()
            .resource(owned(pod("dg-0", "quay.io/infinispan/server:14.0.28.Final")))
            .create();
    client
        .pods()
        .resource(
            new PodBuilder(peer)
                .withStatus(
                    new PodStatusBuilder().withPodIP("127.0.1.7").withPhase("Running").build())
                .build())
        .replaceStatus();
    Pod self = owned(pod("dg-1", "quay.io/infinispan/server:14.0.28.Final"));
    self.getSpec()
        .getContainers()
        .get(0)
        .setEnv(
            List.of(
                new EnvVarBuilder().withName("LITERAL").withValue("v").build(),
                new EnvVarBuilder()
                    .withName("PASSWORD")
                    .withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName("creds")
                    .withKey("password")
                    .endSecretKeyRef()
                    .endValueFrom()
                    .build(),
                new EnvVarBuilder()
                    .withName("MODE")
                    .withNewValueFrom()
                    .withNewConfigMapKeyRef()
                    .withName("dg-config")
                    .withKey("mode")
                    .endConfigMapKeyRef()
                    .endValueFrom()
                    .build(),
                new EnvVarBuilder()
                    .withName("POD_IP")
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withFieldPath("status.podIP")
                    .endFieldRef()
                    .endValueFrom()
                    .build()));
    self.getSpec()
        .getContainers()
        .get(0)
        .setPorts(
            List.of(
                new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                    .withName("hotrod")
                    .withContainerPort(11322)
                    .build()));
    self.getSpec()
        .setVolumes(
            List.of(
                new io.fabric8.kubernetes.api.model.VolumeBuilder()
                    .withName("o")
                    .withNewConfigMap()
                    .withName("other")
                    .endConfigMap()
                    .build(),
                new io.fabric8.kubernetes.api.model.VolumeBuilder()
                    .withName("c")
                    .withNewConfigMap()
                    .withName("dg-config")
                    .endConfigMap()
                    .build()));
    self = client.pods().resource(self).create();

    InfinispanServerSpec spec = runtime.spec(new PodContext(self, "127.0.1.9", client, dir));

    assertThat(spec.version()).isEqualTo("14.0.28.Final");
    assertThat(spec.serverRoot()).isEqualTo(dir.resolve("pods/default/dg-1"));
    assertThat(spec.nodeName()).isEqualTo("dg-1");
    assertThat(spec.bindAddress()).isEqualTo("127.0.1.9");
    assertThat(spec.port()).isEqualTo(11322);
    assertThat(spec.clusterName()).isEqualTo("dg");
    assertThat(spec.jgroupsPort()).isEqualTo(7800);
    assertThat(spec.initialHosts()).containsExactly("127.0.1.7[7800]", "127.0.1.9[7800]");
    assertThat(spec.configXml()).isEqualTo("<infinispan/>");
    assertThat(spec.confFiles()).containsOnlyKeys("users.properties", "mode");
    assertThat(spec.env())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("LITERAL", "v", "PASSWORD", "s3cret", "MODE", "sync", "POD_IP", "127.0.1.9"));
  }

  @Test
  void aMissingSecretFailsTheStartWithItsName() {
    Pod pod = pod("lonely-0", "quay.io/infinispan/server:15.0.21.Final");
    pod.getSpec()
        .getContainers()
        .get(0)
        .setEnv(
            List.of(
                new EnvVarBuilder()
                    .withName("PASSWORD")
                    .withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName("nope")
                    .withKey("password")
                    .endSecretKeyRef()
                    .endValueFrom()
                    .build()));
    assertThatThrownBy(() -> runtime.spec(new PodContext(pod, "127.0.1.3", client, dir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Secret nope")
        .hasMessageContaining("PASSWORD");
    InfinispanServerSpec bare =
        runtime.spec(
            new PodContext(
                pod("solo", "quay.io/infinispan/server:15.0.21.Final"), "127.0.1.4", client, dir));
    assertThat(bare.clusterName()).isEqualTo("solo");
    assertThat(bare.port()).isEqualTo(11222);
    assertThat(bare.configXml()).as("no ConfigMap: the launcher's default").isNull();
    assertThat(bare.initialHosts()).containsExactly("127.0.1.4[7800]");
  }

  @Test
  void aMountedKeystoreSecretGivesTheServerATlsEndpoint() {
    byte[] keyStore = {1, 2, 3, 4};
    client
        .secrets()
        .inNamespace("default")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("dg-keystore")
                .endMetadata()
                .addToData("keystore.p12", java.util.Base64.getEncoder().encodeToString(keyStore))
                .addToData(
                    "password", java.util.Base64.getEncoder().encodeToString("k-pass\n".getBytes()))
                .build())
        .create();
    Pod pod = pod("secure-0", "quay.io/infinispan/server:15.0.21.Final");
    pod.getSpec()
        .setVolumes(
            List.of(
                new io.fabric8.kubernetes.api.model.VolumeBuilder()
                    .withName("keystore")
                    .withNewSecret()
                    .withSecretName("dg-keystore")
                    .endSecret()
                    .build()));

    InfinispanServerSpec spec = runtime.spec(new PodContext(pod, "127.0.1.5", client, dir));
    InfinispanServerSpec plain =
        runtime.spec(
            new PodContext(
                pod("plain-0", "quay.io/infinispan/server:15.0.21.Final"),
                "127.0.1.6",
                client,
                dir));

    assertThat(spec.tls()).isEqualTo(new ServerTls(keyStore, "k-pass"));
    assertThat(plain.tls()).as("no keystore Secret mounted: plain").isNull();
    assertThat(InfinispanServer.sandboxConfig(false, true))
        .contains("<keystore path=\"server-keystore.p12\"")
        .contains("security-realm=\"default\"");
  }

  @Test
  void gridTlsSecretsMakeTheKeystoreAPodMountsAndTheTrustARequestNames() throws Exception {
    SandboxPki pki = SandboxPki.create(dir.resolve("pki"), "demo-ca");
    GridTlsSecrets secrets =
        GridTlsSecrets.create(client, "default", pki, "tlsdg", "tlsdg", "tlsdg-15-0-21");
    Pod pod = pod("tlsdg-0", "quay.io/infinispan/server:15.0.21.Final");
    secrets.mountInto(pod.getSpec());

    InfinispanServerSpec spec = runtime.spec(new PodContext(pod, "127.0.1.7", client, dir));

    assertThat(secrets).isEqualTo(new GridTlsSecrets("tlsdg-keystore", "tlsdg-ca"));
    assertThat(spec.tls()).isNotNull();
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(
        new java.io.ByteArrayInputStream(spec.tls().keyStore()),
        spec.tls().password().toCharArray());
    java.security.cert.X509Certificate cert =
        (java.security.cert.X509Certificate) store.getCertificate(store.aliases().nextElement());
    assertThat(cert.getSubjectAlternativeNames())
        .extracting(san -> String.valueOf(san.get(1)))
        .contains("tlsdg.default.svc", "tlsdg-15-0-21.default.svc.cluster.local");
    assertThat(client.secrets().inNamespace("default").withName("tlsdg-ca").get().getData())
        .containsOnlyKeys("ca.crt");
  }

  private static Pod owned(Pod pod) {
    pod.getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("StatefulSet")
                    .withName("dg")
                    .withUid("uid-dg")
                    .withController(true)
                    .build()));
    return pod;
  }

  private static Pod pod(String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("infinispan")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }
}
