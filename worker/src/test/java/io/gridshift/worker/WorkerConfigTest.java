package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalTls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {
  @TempDir Path dir;

  @Test
  void readsClustersAndSubstitutesEnvironmentWithDefaults() throws Exception {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(
        file,
        """
        temporal:
          target: ${GRIDSHIFT_TEST_UNSET_VARIABLE:-temporal.example:7233}
        clusters:
          - name: prod-eu-1
            context: prod-eu-1
          - name: local
            inCluster: true
        """);
    WorkerConfig config = WorkerConfig.load(file);
    assertThat(config.temporal().target()).isEqualTo("temporal.example:7233");
    assertThat(config.temporal().namespace()).isEqualTo("default");
    assertThat(config.hostWorkflows()).isTrue();
    assertThat(config.clusters())
        .extracting(WorkerConfig.Cluster::name)
        .containsExactly("prod-eu-1", "local");
    assertThat(config.clusters().get(1).inCluster()).isTrue();
  }

  @Test
  void observabilityIsOffUnlessConfiguredAndDefaultsToThePortTheManifestsName() throws Exception {
    Path none = dir.resolve("none.yaml");
    Files.writeString(none, "clusters:\n  - name: a\n");
    assertThat(WorkerConfig.load(none).observability()).isNull();
    Path defaults = dir.resolve("defaults.yaml");
    Files.writeString(defaults, "observability: {}\n");
    assertThat(WorkerConfig.load(defaults).observability())
        .isEqualTo(new WorkerConfig.Observability(9464, "0.0.0.0"));
    Path ephemeral = dir.resolve("ephemeral.yaml");
    Files.writeString(ephemeral, "observability:\n  port: 0\n  bindHost: 127.0.0.1\n");
    assertThat(WorkerConfig.load(ephemeral).observability())
        .isEqualTo(WorkerConfig.Observability.ephemeralLoopback());
    Path bad = dir.resolve("bad-port.yaml");
    Files.writeString(bad, "observability:\n  port: 70000\n");
    assertThatThrownBy(() -> WorkerConfig.load(bad))
        .hasMessageContaining("observability.port 70000 must be 0 (any free port) to 65535");
  }

  @Test
  void duplicateAndInvalidClustersAreRefused() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        clusters:
          - name: a
          - name: a
          - name: Not_A_Label
          - name: b
            inCluster: true
            context: x
        """);
    assertThatThrownBy(() -> WorkerConfig.load(file))
        .hasMessageContaining("cluster 'a' is listed twice")
        .hasMessageContaining("'Not_A_Label' must be a DNS label")
        .hasMessageContaining("inCluster excludes kubeconfig and context");
  }

  @Test
  void unknownKeysAreRefused() throws Exception {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "clustres: []\n");
    assertThatThrownBy(() -> WorkerConfig.load(file)).hasMessageContaining("clustres");
  }

  @Test
  void aCentralWorkerHostsWorkflowsAndServesNoCluster() throws Exception {
    Path file = dir.resolve("central.yaml");
    Files.writeString(file, "hostWorkflows: true\nclusters: []\n");
    WorkerConfig config = WorkerConfig.load(file);
    assertThat(config.hostWorkflows()).isTrue();
    assertThat(config.clusters()).isEmpty();
    assertThat(config.agentProblems()).isNotEmpty();
  }

  @Test
  void anAgentServesItsClustersAndHostsNoWorkflows() throws Exception {
    Path file = dir.resolve("agent.yaml");
    Files.writeString(
        file,
        """
        hostWorkflows: false
        clusters:
          - name: west
            inCluster: true
        """);
    WorkerConfig config = WorkerConfig.loadAgent(file);
    assertThat(config.hostWorkflows()).isFalse();
    assertThat(config.clusters()).extracting(WorkerConfig.Cluster::name).containsExactly("west");
    assertThat(AgentMain.identity(config)).endsWith("/agent/west").contains("@");
  }

  @Test
  void anAgentConfigThatHostsWorkflowsOrListsNoClusterIsRefusedWithTheFix() throws Exception {
    Path defaults = dir.resolve("defaults.yaml");
    Files.writeString(defaults, "clusters: [{name: west, inCluster: true}]\n");
    assertThatThrownBy(() -> WorkerConfig.loadAgent(defaults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent config " + defaults + " is invalid")
        .hasMessageContaining("an agent hosts no workflows: set hostWorkflows: false");
    assertThat(WorkerConfig.load(defaults).hostWorkflows()).as("fine for a worker").isTrue();

    Path none = dir.resolve("none.yaml");
    Files.writeString(none, "hostWorkflows: false\n");
    assertThatThrownBy(() -> WorkerConfig.loadAgent(none))
        .hasMessageContaining("an agent serves at least one cluster: list it under clusters")
        .hasMessageNotContaining("hostWorkflows: false");
  }

  @Test
  void theTemporalTlsSectionReadsBackFromYaml() throws Exception {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(
        file,
        """
        temporal:
          target: temporal.example.com:7233
          namespace: prod
          tls:
            caFile: /etc/gridshift/temporal-tls/ca.crt
            certFile: /etc/gridshift/temporal-tls/tls.crt
            keyFile: /etc/gridshift/temporal-tls/tls.key
            serverName: temporal.internal
          apiKeyFile: /etc/gridshift/temporal-api-key/key
        clusters:
          - {name: local, inCluster: true}
        """);
    TemporalAccess access = WorkerConfig.load(file).temporal();
    assertThat(access.tls())
        .isEqualTo(
            new TemporalTls(
                true,
                "/etc/gridshift/temporal-tls/ca.crt",
                "/etc/gridshift/temporal-tls/tls.crt",
                "/etc/gridshift/temporal-tls/tls.key",
                "temporal.internal"));
    assertThat(access.apiKeyFile()).isEqualTo("/etc/gridshift/temporal-api-key/key");
    assertThat(access.describe()).contains("mutual TLS, API key");
  }

  @Test
  void aConfigWithTlsWrittenByJacksonReadsBack() throws Exception {
    // How the demo writes its agents' configs (AgentProcesses): the tls section must survive.
    WorkerConfig written =
        new WorkerConfig(
            TemporalAccess.plain("127.0.0.1:7233")
                .withTls(new TemporalTls(null, "/s/ca.crt", "/s/c.crt", "/s/c.key", null)),
            false,
            java.util.List.of(new WorkerConfig.Cluster("east", "/s/kubeconfig", "east", false)));
    Path file = dir.resolve("agent.yaml");
    new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .writeValue(file.toFile(), written);
    assertThat(WorkerConfig.loadAgent(file).temporal()).isEqualTo(written.temporal());
  }
}
