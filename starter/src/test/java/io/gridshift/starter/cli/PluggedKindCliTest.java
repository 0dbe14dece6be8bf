package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.testing.FakeKubernetes;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's {@code upgrade start --dry-run} takes a kind it has never heard of: the test kind
 * {@code echo} (workflows test-jar, registered through META-INF/services), with no change to the
 * CLI or the starter. The workflows are registered from the registry, as the worker does.
 */
class PluggedKindCliTest {
  private TestWorkflowEnvironment env;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(GridKinds.dataConverter())
                        .build())
                .build());
    Worker workflows = env.newWorker(TaskQueues.WORKFLOWS);
    GridKinds.registerWorkflows(workflows, VisibilityOptions.NONE);
    env.newWorker(TaskQueues.cluster("echo-cluster"))
        .registerActivitiesImplementations(new FakeKubernetes());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aDryRunOfThePluggedKindPrintsItsPlanAndItsDetails() throws Exception {
    Path file = dir.resolve("echo.json");
    Files.writeString(
        file,
        """
        {"kind": "echo", "cluster": {"cluster": "echo-cluster", "namespace": "apps"},
         "grid": "e1", "targetVersion": "2"}""");

    CliRunner.Result result =
        new CliRunner(
                Map.of("USER", "alice"),
                (access, identity) ->
                    new DirectClient(env.getWorkflowClient(), identity, access.target()))
            .run("upgrade", "start", "--file", file.toString(), "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
    assertThat(result.out())
        .contains("echo-upgrade-echo-cluster-apps-e1-dry-run-")
        .contains("[echo]")
        .contains("phase PLANNED")
        .contains("dry run: echo e1 (3 replicas) to 2; nothing was changed")
        .contains("\"plannedReplicas\" : 3");
  }

  @Test
  void anUnknownKindIsRefusedNamingTheKindsTheRegistryHas() throws Exception {
    Path file = dir.resolve("redis.json");
    Files.writeString(file, "{\"kind\": \"redis\", \"grid\": \"r\"}");

    CliRunner.Result result =
        new CliRunner(
                Map.of("USER", "alice"),
                (access, identity) ->
                    new DirectClient(env.getWorkflowClient(), identity, access.target()))
            .run("upgrade", "start", "--file", file.toString(), "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isNotEqualTo(ExitCodes.OK);
    assertThat(result.err()).contains("unknown kind 'redis'; kinds: [infinispan, hazelcast, echo]");
  }
}
