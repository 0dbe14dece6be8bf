package io.gridshift.sandbox.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HazelcastPodConfigTest {
  /** What the Hazelcast Helm chart mounts: Kubernetes discovery, REST health, the user's maps. */
  static final String KUBERNETES_YAML =
      """
      hazelcast:
        network:
          public-address: 10.0.0.5:5701
          join:
            kubernetes:
              enabled: true
              service-name: hz
              namespace: default
          rest-api:
            enabled: true
            endpoint-groups:
              CLUSTER_READ:
                enabled: true
        properties:
          hazelcast.partition.count: 271
        map:
          orders:
            backup-count: 2
      """;

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void replacesTheNetworkAndKeepsEverythingElse() throws Exception {
    String yaml =
        HazelcastPodConfig.loopback(
            KUBERNETES_YAML,
            "hz",
            "127.0.30.2",
            5702,
            List.of("127.0.30.1:5702", "127.0.30.2:5702"));

    JsonNode hz = YAML.readTree(yaml).path("hazelcast");
    assertThat(hz.path("cluster-name").asText()).isEqualTo("hz");
    assertThat(hz.path("map").path("orders").path("backup-count").asInt()).isEqualTo(2);
    assertThat(hz.path("properties").path("hazelcast.partition.count").asInt()).isEqualTo(271);
    assertThat(hz.path("properties").path("hazelcast.local.localAddress").asText())
        .isEqualTo("127.0.30.2");
    JsonNode network = hz.path("network");
    assertThat(network.has("public-address")).isFalse();
    assertThat(network.path("port").path("port").asInt()).isEqualTo(5702);
    assertThat(network.path("port").path("auto-increment").asBoolean(true)).isFalse();
    JsonNode join = network.path("join");
    assertThat(join.has("kubernetes")).isFalse();
    assertThat(join.path("multicast").path("enabled").asBoolean(true)).isFalse();
    assertThat(join.path("auto-detection").path("enabled").asBoolean(true)).isFalse();
    assertThat(join.path("tcp-ip").path("enabled").asBoolean()).isTrue();
    assertThat(join.path("tcp-ip").path("member-list").toString())
        .isEqualTo("[\"127.0.30.1:5702\",\"127.0.30.2:5702\"]");
    JsonNode groups = network.path("rest-api").path("endpoint-groups");
    assertThat(groups.path("HEALTH_CHECK").path("enabled").asBoolean()).isTrue();
    assertThat(groups.path("CLUSTER_READ").path("enabled").asBoolean()).isTrue();
  }

  @Test
  void keepsTheConfigsClusterName() {
    String named = "hazelcast:\n  cluster-name: prod\n";
    assertThat(HazelcastPodConfig.clusterName(named)).isEqualTo("prod");
    assertThat(HazelcastPodConfig.clusterName(KUBERNETES_YAML)).isNull();
    assertThat(HazelcastPodConfig.loopback(named, "hz", "127.0.30.1", 5701, List.of()))
        .contains("cluster-name: prod")
        .doesNotContain("cluster-name: hz");
  }

  @Test
  void disablesTheAdvancedNetworkWhichWouldOverrideTheLoopbackOne() throws Exception {
    String yaml =
        HazelcastPodConfig.loopback(
            "hazelcast:\n  advanced-network:\n    enabled: true\n",
            "hz",
            "127.0.30.1",
            5701,
            List.of("127.0.30.1:5701"));
    assertThat(
            YAML.readTree(yaml)
                .path("hazelcast")
                .path("advanced-network")
                .path("enabled")
                .asBoolean())
        .isFalse();
  }

  @Test
  void rejectsAConfigWithoutAHazelcastRoot() {
    assertThatThrownBy(
            () -> HazelcastPodConfig.loopback("network: {}\n", "hz", "127.0.30.1", 5701, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'hazelcast:'");
    assertThatThrownBy(
            () ->
                HazelcastPodConfig.loopback("hazelcast: [\n", "hz", "127.0.30.1", 5701, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void javaOptsKeepTheShutdownPolicyAndDropPathsHeapAndNetworkOverrides() {
    assertThat(
            HazelcastPodConfig.jvmOptions(
                " -Dhazelcast.config=/data/hazelcast/hazelcast.yaml"
                    + " -Dhazelcast.shutdownhook.policy=GRACEFUL -Xmx2g -XX:MaxRAMPercentage=80.0"
                    + "  -Dhazelcast.graceful.shutdown.max.wait=600"
                    + " -Dhz.network.join.kubernetes.enabled=true -Dhz.map.x.backup-count=2"))
        .containsExactly(
            "-Dhazelcast.shutdownhook.policy=GRACEFUL",
            "-Dhazelcast.graceful.shutdown.max.wait=600",
            "-Dhz.map.x.backup-count=2");
    assertThat(HazelcastPodConfig.jvmOptions(null)).isEmpty();
    assertThat(HazelcastPodConfig.jvmOptions("  ")).isEmpty();
  }

  @Test
  void envDropsNetworkOverrides() {
    assertThat(
            HazelcastPodConfig.env(
                Map.of(
                    "HZ_NETWORK_JOIN_KUBERNETES_ENABLED", "true",
                    "HZ_CLUSTERNAME", "prod",
                    "JAVA_OPTS", "-Dx=1")))
        .containsOnlyKeys("HZ_CLUSTERNAME", "JAVA_OPTS");
  }

  @Test
  void sandboxConfigSetsBackupsAndTheRestGroups() throws Exception {
    JsonNode hz = YAML.readTree(HazelcastMember.sandboxConfig(2)).path("hazelcast");
    assertThat(hz.path("map").path("default").path("backup-count").asInt()).isEqualTo(2);
    assertThat(hz.path("network").path("rest-api").path("endpoint-groups").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("HEALTH_CHECK", "CLUSTER_READ", "CLUSTER_WRITE", "DATA");
    assertThat(hz.path("network").path("join").path("multicast").path("enabled").asBoolean(true))
        .isFalse();
  }
}
