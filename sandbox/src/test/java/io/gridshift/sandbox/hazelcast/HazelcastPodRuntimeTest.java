package io.gridshift.sandbox.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.sandbox.kube.PodContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HazelcastPodRuntimeTest {
  @TempDir static Path dir;
  static LocalKubernetesApi api;
  static KubernetesClient client;
  final HazelcastPodRuntime runtime = new HazelcastPodRuntime();

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
  void handlesHazelcastImagesOfKnownVersionsOnly() {
    assertThat(runtime.handles(pod("x", "hazelcast/hazelcast:5.3.6"))).isTrue();
    assertThat(runtime.handles(pod("x", "docker.io/hazelcast/hazelcast:5.5.0"))).isTrue();
    assertThat(runtime.handles(pod("x", "hazelcast/hazelcast:5.3.3"))).as("not released").isFalse();
    assertThat(runtime.handles(pod("x", "hazelcast/hazelcast"))).as("no tag").isFalse();
    assertThat(runtime.handles(pod("x", "hazelcast/hazelcast@sha256:abc"))).isFalse();
    assertThat(runtime.handles(pod("x", "quay.io/infinispan/server:5.3.6"))).isFalse();
    assertThat(runtime.describe()).contains("5.3.6", "5.4.0", "5.5.0");
  }

  @Test
  void buildsTheMemberFromThePodItsConfigMapAndPeers() {
    client
        .configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("hz-config")
                .endMetadata()
                .addToData("hazelcast.yaml", HazelcastPodConfigTest.KUBERNETES_YAML)
                .build())
        .create();
    Pod peer = client.pods().resource(owned(pod("hz-0", "hazelcast/hazelcast:5.3.6"))).create();
    client
        .pods()
        .resource(
            new PodBuilder(peer)
                .withStatus(
                    new PodStatusBuilder().withPodIP("127.0.30.7").withPhase("Running").build())
                .build())
        .replaceStatus();
    Pod self = owned(pod("hz-1", "hazelcast/hazelcast:5.3.6"));
    var container = self.getSpec().getContainers().get(0);
    container.setPorts(
        List.of(new ContainerPortBuilder().withName("hazelcast").withContainerPort(5702).build()));
    container.setEnv(
        List.of(
            new EnvVarBuilder()
                .withName("JAVA_OPTS")
                .withValue(
                    "-Dhazelcast.config=/data/hazelcast/hazelcast.yaml"
                        + " -Dhazelcast.shutdownhook.policy=GRACEFUL")
                .build()));
    self.getSpec()
        .setVolumes(
            List.of(
                new VolumeBuilder()
                    .withName("c")
                    .withNewConfigMap()
                    .withName("hz-config")
                    .endConfigMap()
                    .build()));
    self = client.pods().resource(self).create();

    HazelcastMemberSpec spec = runtime.spec(new PodContext(self, "127.0.30.9", client, dir));

    assertThat(spec.version()).isEqualTo("5.3.6");
    assertThat(spec.workDir()).isEqualTo(dir.resolve("pods/default/hz-1"));
    assertThat(spec.bindAddress()).isEqualTo("127.0.30.9");
    assertThat(spec.port()).isEqualTo(5702);
    assertThat(spec.clusterName()).isEqualTo("dev");
    assertThat(spec.members()).containsExactly("127.0.30.7:5702", "127.0.30.9:5702");
    assertThat(spec.configYaml())
        .contains("127.0.30.7:5702", "orders", "cluster-name: dev")
        .doesNotContain("kubernetes");
    assertThat(spec.jvmOptions()).containsExactly("-Dhazelcast.shutdownhook.policy=GRACEFUL");
    assertThat(spec.env()).containsKey("JAVA_OPTS");
  }

  @Test
  void withoutAConfigMapTheMemberGetsTheSandboxConfig() {
    Pod pod = pod("bare", "hazelcast/hazelcast:5.3.8");
    HazelcastMemberSpec spec = runtime.spec(new PodContext(pod, "127.0.30.3", client, dir));
    assertThat(spec.configYaml()).isNull();
    assertThat(spec.clusterName()).isEqualTo("dev");
    assertThat(spec.port()).isEqualTo(5701);
    assertThat(spec.members()).containsExactly("127.0.30.3:5701");
  }

  @Test
  void anXmlConfigFailsTheStartSayingYamlIsNeeded() {
    client
        .configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("xml-config")
                .endMetadata()
                .addToData("hazelcast.xml", "<hazelcast/>")
                .build())
        .create();
    Pod pod = pod("xml-0", "hazelcast/hazelcast:5.3.8");
    pod.getSpec()
        .setVolumes(
            List.of(
                new VolumeBuilder()
                    .withName("c")
                    .withNewConfigMap()
                    .withName("xml-config")
                    .endConfigMap()
                    .build()));
    assertThatThrownBy(() -> runtime.spec(new PodContext(pod, "127.0.30.4", client, dir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("default/xml-0")
        .hasMessageContaining("hazelcast.yaml");
  }

  @Test
  void podJvmOptionsComeAfterTheSandboxDefaultsSoTheyWin() {
    HazelcastMemberSpec spec =
        new HazelcastMemberSpec(
            "5.3.8",
            dir.resolve("m"),
            "127.0.30.5",
            5701,
            "c",
            List.of(),
            null,
            List.of("-Xmx128m", "-Dhazelcast.shutdownhook.policy=GRACEFUL"),
            null);
    List<String> command =
        HazelcastMember.command(spec, Path.of("hz.jar"), dir.resolve("m/hazelcast.yaml"));
    assertThat(command)
        .contains(
            "-Dhazelcast.socket.bind.any=false",
            "-Dgridshift.hazelcast.members=127.0.30.5:5701",
            "--add-opens",
            "java.base/sun.nio.ch=ALL-UNNAMED")
        .endsWith("com.hazelcast.core.server.HazelcastMemberStarter");
    assertThat(command.indexOf("-Xmx128m")).isGreaterThan(command.indexOf("-Xmx256m"));
  }

  static Pod pod(String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("hazelcast")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  static Pod owned(Pod pod) {
    pod.getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("StatefulSet")
                    .withName("hz")
                    .withUid("uid-hz")
                    .withController(true)
                    .build()));
    return pod;
  }
}
