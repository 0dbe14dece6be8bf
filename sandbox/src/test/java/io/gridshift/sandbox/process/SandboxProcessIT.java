package io.gridshift.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.client.TemporalConnectionCheck;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox up}, {@code status} and {@code down} as a person runs them, each a real process
 * (the JVM the launcher would start, with this build's class path), on ephemeral ports so that it
 * runs beside anything on 7233/7443: the sandbox outlives the {@code up} process; Temporal and both
 * clusters' APIs answer at the addresses of the state file, through the worker config it wrote;
 * status says 0 while up and 3 after down; a second {@code up} is refused; {@code down} ends the
 * process and frees every port.
 */
class SandboxProcessIT {
  @TempDir Path dir;
  private SandboxState state;

  /** Runs {@code ./gridshift sandbox <args> --dir <dir>}; its exit code and output. */
  private Result sandbox(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(SandboxMain.class.getName());
    command.addAll(List.of(args));
    command.addAll(List.of("--dir", dir.toString()));
    Path output = Files.createTempFile("sandbox-cli", ".out");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("sandbox %s ends", args[0]).isTrue();
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String output) {}

  @AfterEach
  void stopWhatIsLeft() {
    // A failed assertion must not leave a sandbox (and its ports) behind.
    if (state != null) {
      ProcessHandle.of(state.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void upStartsABackgroundSandboxThatStatusSeesAndDownStops() throws Exception {
    Result up =
        sandbox(
            "up",
            "--clusters",
            "eu-1,us-1",
            "--temporal-port",
            "0",
            "--kube-port",
            "0",
            "--ui-port",
            "0");
    assertThat(up.exit()).as(up.output()).isZero();
    assertThat(up.output())
        .contains("Sandbox up in " + dir)
        .contains("./gridshift worker --config");
    state = SandboxState.read(dir).orElseThrow();
    assertThat(state.processAlive()).as("the sandbox outlives `up`").isTrue();
    assertThat(state.clusters())
        .extracting(SandboxState.Cluster::name)
        .containsExactly("eu-1", "us-1");

    assertTemporalAnswers(state.temporalTarget());
    assertThat(up.output()).contains("Temporal UI    " + state.ui());
    assertUiAnswers(state.ui());
    assertEachClusterAnswersThroughTheWorkerConfig(Path.of(state.workerConfig()));
    try (RunningSandbox running = RunningSandbox.attach(dir)) {
      assertThat(running.defaultClusterName()).isEqualTo("eu-1");
      assertThat(running.client().configMaps().withName("written-to-eu-1").get()).isNotNull();
    }

    Result status = sandbox("status");
    assertThat(status.exit()).as(status.output()).isZero();
    assertThat(status.output()).contains("Temporal       " + state.temporalTarget());
    Result again = sandbox("up", "--temporal-port", "0", "--kube-port", "0", "--ui-port", "0");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.output()).contains("a sandbox is already up in " + dir);

    Result down = sandbox("down");
    assertThat(down.exit()).as(down.output()).isZero();
    assertThat(ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
    List<Integer> ports = new ArrayList<>(List.of(LoopbackPorts.portOf(state.temporalTarget())));
    state.clusters().forEach(c -> ports.add(LoopbackPorts.portOf(c.apiUrl())));
    ports.add(LoopbackPorts.portOf(state.ui()));
    assertThat(LoopbackPorts.taken(ports)).as("ports still taken after down").isEmpty();
    assertThat(SandboxState.file(dir)).doesNotExist();
    Result after = sandbox("status");
    assertThat(after.exit()).as(after.output()).isEqualTo(SandboxMain.NOT_UP);
    assertThat(Files.readString(dir.resolve("sandbox.log")))
        .contains("sandbox in " + dir + " stopped");
  }

  @Test
  void upWithMutualTlsServesTemporalOnlyOverMutualTlsAndItsWorkerConfigCarriesTheFiles()
      throws Exception {
    Result up =
        sandbox(
            "up",
            "--temporal-tls",
            "mtls",
            "--temporal-port",
            "0",
            "--kube-port",
            "0",
            "--ui-port",
            "0");
    assertThat(up.exit()).as(up.output()).isZero();
    state = SandboxState.read(dir).orElseThrow();
    assertThat(state.temporalTls().mutual()).isTrue();

    WorkerConfig config = WorkerConfig.load(Path.of(state.workerConfig()));
    assertThat(config.temporal()).isEqualTo(state.temporalAccess());
    try (RunningSandbox running = RunningSandbox.attach(dir)) {
      TemporalAccess access = running.temporalAccess();
      assertThat(access).isEqualTo(config.temporal());
      assertThat(answer(access).problem()).isNull();
      assertThat(answer(TemporalAccess.plain(access.target())).problem())
          .contains("if it requires TLS, set temporal.tls");
    }

    // The UI server reaches the mutual-TLS-only Temporal all the same (the test server's own port).
    assertUiAnswers(state.ui());

    Result down = sandbox("down");
    assertThat(down.exit()).as(down.output()).isZero();
  }

  /** The sandbox's UI server answers the HTTP API the UI calls, from Temporal. */
  private static void assertUiAnswers(String ui) throws Exception {
    java.net.http.HttpResponse<String> workflows =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(ui + "/api/v1/namespaces/default/workflows"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(workflows.statusCode()).as(workflows.body()).isEqualTo(200);
    assertThat(workflows.body()).startsWith("{");
  }

  private static TemporalConnectionCheck.Answer answer(TemporalAccess access) {
    WorkflowServiceStubs stubs = TemporalClients.stubs(access);
    try {
      return TemporalConnectionCheck.ask(stubs, access);
    } finally {
      stubs.shutdownNow();
    }
  }

  private static void assertTemporalAnswers(String target) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      String name =
          stubs
              .blockingStub()
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
              .getNamespaceInfo()
              .getName();
      assertThat(name).isEqualTo("default");
    } finally {
      stubs.shutdownNow();
    }
  }

  /**
   * Each cluster, reached as the worker reaches it (its config's kubeconfig and context), takes a
   * write that the other cluster does not see.
   */
  private static void assertEachClusterAnswersThroughTheWorkerConfig(Path workerConfig)
      throws IOException {
    WorkerConfig config = WorkerConfig.load(workerConfig);
    assertThat(config.hostWorkflows()).isTrue();
    assertThat(config.clusters()).hasSize(2);
    for (WorkerConfig.Cluster c : config.clusters()) {
      try (ClusterAccess access =
          ClusterAccess.fromKubeconfig(c.name(), c.kubeconfig(), c.context())) {
        access
            .kubernetes()
            .configMaps()
            .inNamespace("default")
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("written-to-" + c.name())
                    .endMetadata()
                    .withData(Map.of("cluster", c.name()))
                    .build())
            .create();
      }
    }
    for (WorkerConfig.Cluster c : config.clusters()) {
      try (ClusterAccess access =
          ClusterAccess.fromKubeconfig(c.name(), c.kubeconfig(), c.context())) {
        List<String> names =
            access.kubernetes().configMaps().inNamespace("default").list().getItems().stream()
                .map(m -> m.getMetadata().getName())
                .filter(n -> n.startsWith("written-to-"))
                .toList();
        assertThat(names)
            .as("config maps in cluster %s", c.name())
            .containsExactly("written-to-" + c.name());
      }
    }
  }
}
