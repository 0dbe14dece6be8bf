package io.gridshift.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class ClusterAccessTest {
  KubernetesClient client;

  @Test
  void namesTheClustersTaskQueue() {
    ClusterAccess access = ClusterAccess.of("prod-eu-1", client);

    assertThat(access.name()).isEqualTo("prod-eu-1");
    assertThat(access.taskQueue()).isEqualTo("gridshift-cluster-prod-eu-1");
    assertThat(access.kubernetes()).isSameAs(client);
  }

  @Test
  void aServiceAnswersOnItsClusterIpElseItsDnsName() {
    service("dg", "10.96.0.7");
    service("headless", "None");
    ClusterAccess access = ClusterAccess.of("test", client);

    assertThat(access.serviceHost("grids", "dg")).contains("10.96.0.7");
    assertThat(access.serviceHost("grids", "headless"))
        .contains("headless.grids.svc.cluster.local");
    assertThat(access.serviceHost("grids", "gone")).isEmpty();
  }

  @Test
  void closingAccessToAClientItWasHandedLeavesTheClientOpen() {
    service("dg", "10.96.0.7");

    ClusterAccess.of("test", client).close();

    assertThat(client.services().inNamespace("grids").withName("dg").get()).isNotNull();
  }

  @Test
  void readsTheNamedContextOfAKubeconfig(@TempDir Path dir) throws IOException {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        current-context: eu
        clusters:
          - name: eu
            cluster: {server: "https://eu.example:6443"}
          - name: us
            cluster: {server: "https://us.example:6443"}
        contexts:
          - name: eu
            context: {cluster: eu, user: ops, namespace: grids}
          - name: us
            context: {cluster: us, user: ops}
        users:
          - name: ops
            user: {token: not-a-secret}
        """);

    try (ClusterAccess access = ClusterAccess.fromKubeconfig("us-1", kubeconfig.toString(), "us")) {
      assertThat(access.kubernetes().getConfiguration().getMasterUrl())
          .startsWith("https://us.example:6443");
    }
  }

  @Test
  void anUnreadableKubeconfigNamesTheClusterAndTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> ClusterAccess.fromKubeconfig("eu-1", missing.toString(), null))
        .isInstanceOf(IOException.class)
        .hasMessage("cluster 'eu-1': kubeconfig " + missing + " is not readable");
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
}
