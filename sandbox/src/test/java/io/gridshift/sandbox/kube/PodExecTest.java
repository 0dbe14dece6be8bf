package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.kubernetes.PodExec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exec API of the sandbox's Kubernetes API, through the agent's own {@link PodExec} (fabric8's
 * exec over the v4 channel websocket): the command, its stderr and exit code come back, and a pod
 * behind a Service is found by its selector. No server runs: the sandbox refuses commands other
 * than the Infinispan CLI, which is what is checked here (the CLI itself: {@code PodExecCliIT}).
 */
class PodExecTest {
  @TempDir static Path dir;
  static LocalKubernetesApi api;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    api = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"));
    client = api.client();
    client
        .pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("dg-0")
                .addToLabels("app", "dg")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("infinispan")
                .withImage("quay.io/infinispan/server:15.0.21.Final")
                .endContainer()
                .endSpec()
                .build())
        .create();
    client
        .pods()
        .withName("dg-0")
        .editStatus(
            p ->
                new PodBuilder(p)
                    .withNewStatus()
                    .withPodIP("127.0.9.9")
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .endCondition()
                    .endStatus()
                    .build());
    client
        .services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("dg")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "dg")
                .addNewPort()
                .withPort(11222)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aCommandTheSandboxDoesNotRunEndsWithExitCode126AndSaysWhy() {
    PodExec.Result result =
        new PodExec(client)
            .inServicePod("default", "dg", List.of("ls", "-l", "/"), Duration.ofSeconds(20));

    assertThat(result.pod()).isEqualTo("dg-0");
    assertThat(result.exitCode()).isEqualTo(126);
    assertThat(result.stderr())
        .contains("runs only the Infinispan CLI (bin/cli.sh)")
        .contains("[ls, -l, /]");
  }

  @Test
  void theCliIsRecognisedDirectlyAndAsTheShellsProgram() {
    assertThat(InfinispanCli.handles(List.of("/opt/infinispan/bin/cli.sh", "-c", "-"))).isTrue();
    assertThat(
            InfinispanCli.handles(
                List.of("sh", "-c", "x", "/opt/infinispan/bin/cli.sh", "http://127.0.0.1:11222")))
        .isTrue();
    assertThat(InfinispanCli.handles(List.of("sh", "-c", "rm -rf /"))).isFalse();
    assertThat(InfinispanCli.handles(List.of())).isFalse();
  }

  @Test
  void execPathsAreParsedWithEveryCommandPart() {
    io.gridshift.sandbox.kube.PodExec.Call call =
        io.gridshift.sandbox.kube.PodExec.parse(
                "/api/v1/namespaces/apps/pods/dg-0/exec?command=sh&command=-c&command=a%20b"
                    + "&container=infinispan&stdout=true&stderr=true")
            .orElseThrow();
    assertThat(call.namespace()).isEqualTo("apps");
    assertThat(call.pod()).isEqualTo("dg-0");
    assertThat(call.container()).isEqualTo("infinispan");
    assertThat(call.command()).containsExactly("sh", "-c", "a b");
    assertThat(io.gridshift.sandbox.kube.PodExec.parse("/api/v1/namespaces/apps/pods/dg-0"))
        .isEmpty();
  }
}
