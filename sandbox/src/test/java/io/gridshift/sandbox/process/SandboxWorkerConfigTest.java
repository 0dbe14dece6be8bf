package io.gridshift.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker config {@code sandbox up} writes is one {@code ./gridshift worker} accepts. */
class SandboxWorkerConfigTest {
  @TempDir Path dir;

  @Test
  void theWorkerLoadsItAsAWorkerThatHostsWorkflowsAndServesEveryCluster() throws Exception {
    // A path with a space, a colon and a quote still reads back as written.
    Path kubeconfig = Files.createDirectories(dir.resolve("my \"dir\": x")).resolve("kubeconfig");
    Path file = dir.resolve("worker.yaml");
    SandboxWorkerConfig.write(
        file,
        "127.0.0.1:17233",
        kubeconfig.toString(),
        List.of(
            new SandboxWorkerConfig.Cluster("eu-1", "eu-1"),
            new SandboxWorkerConfig.Cluster("us-1", "us-1")));

    WorkerConfig config = WorkerConfig.load(file);

    assertThat(config.temporal().target()).isEqualTo("127.0.0.1:17233");
    assertThat(config.temporal().namespace()).isEqualTo("default");
    assertThat(config.hostWorkflows()).isTrue();
    assertThat(config.clusters())
        .containsExactly(
            new WorkerConfig.Cluster("eu-1", kubeconfig.toString(), "eu-1", false),
            new WorkerConfig.Cluster("us-1", kubeconfig.toString(), "us-1", false));
    assertThat(Files.readString(file))
        .startsWith("# A gridshift worker for the sandbox in " + dir)
        .contains("./gridshift worker --config " + file);
  }

  @Test
  void withTemporalOverMutualTlsTheWorkerConfigCarriesTheTlsSection() throws Exception {
    Path file = dir.resolve("worker.yaml");
    TemporalTls tls =
        new TemporalTls(
            true,
            dir.resolve("temporal-tls/ca.crt").toString(),
            dir.resolve("temporal-tls/gridshift-client.crt").toString(),
            dir.resolve("temporal-tls/gridshift-client.key").toString(),
            null);
    TemporalAccess access = TemporalAccess.plain("127.0.0.1:17233").withTls(tls);
    SandboxWorkerConfig.write(
        file,
        access,
        dir.resolve("kubeconfig").toString(),
        List.of(new SandboxWorkerConfig.Cluster("sandbox", "sandbox")));

    WorkerConfig config = WorkerConfig.load(file);

    assertThat(config.temporal()).isEqualTo(access);
    assertThat(config.temporal().tls().mutual()).isTrue();
  }

  @Test
  void withTemporalInPlainTextThereIsNoTlsSection() throws Exception {
    Path file = dir.resolve("worker.yaml");
    SandboxWorkerConfig.write(
        file, "127.0.0.1:17233", "kubeconfig", List.of(new SandboxWorkerConfig.Cluster("a", "a")));
    assertThat(Files.readString(file)).doesNotContain("tls");
    assertThat(WorkerConfig.load(file).temporal().tls().enabled()).isFalse();
  }
}
