package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.ClusterInventory;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetDiscoveryActivities;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridshift fleet start --dry-run} through the REAL fleet workflow: discovery by mocked
 * agents on each cluster's queue, every grid's dry run a real child of the test kind {@code echo}
 * (whose plan reads the grid through its agent), on the test server. The plan the CLI prints is the
 * workflow's: stages, grids per stage, a refused grid with its reason, versions, agents; and
 * nothing is upgraded. Grid {@code gone-b}'s plan fails (its StatefulSet is gone): it is refused.
 */
class RealFleetCliTest {
  private static final String SPEC =
      """
      name: real-plan
      clusters:
        - name: eu-1
        - name: us-1
      grids:
        kinds: [echo]
      targets:
        echo: {version: "2"}
      stages:
        - name: canary
          count: 1
        - name: rest
      """;

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private KubernetesActivities euKube;

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
    client = env.getWorkflowClient();
    GridKinds.registerWorkflows(env.newWorker(TaskQueues.WORKFLOWS), VisibilityOptions.NONE);
    euKube = agent("eu-1", "a", "gone-b");
    agent("us-1", "c");
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** A mocked agent of {@code cluster} whose grids are healthy echo grids at version 1. */
  private KubernetesActivities agent(String cluster, String... grids) {
    FleetDiscoveryActivities discovery =
        mock(FleetDiscoveryActivities.class, withSettings().withoutAnnotations());
    when(discovery.discover(eq(cluster), anyList(), anyList()))
        .thenReturn(
            new ClusterInventory(
                cluster,
                "agent-" + cluster,
                Arrays.stream(grids)
                    .map(
                        g ->
                            new DiscoveredGrid(
                                new GridId(cluster, "apps", g, "echo"), "1", Map.of(), true))
                    .toList()));
    KubernetesActivities kube =
        mock(KubernetesActivities.class, withSettings().withoutAnnotations());
    when(kube.rolloutStatus(any()))
        .thenAnswer(
            call -> {
              WorkloadRef w = call.getArgument(0);
              if (w.name().startsWith("gone")) {
                throw ApplicationFailure.newNonRetryableFailure(
                    "StatefulSet apps/" + w.name() + " is not found", "NotFound");
              }
              return new RolloutStatus(3, 3, 3, 3, 0, true, "ok");
            });
    Worker worker = env.newWorker(TaskQueues.cluster(cluster));
    worker.registerActivitiesImplementations(discovery, kube);
    return kube;
  }

  @Test
  void dryRunPrintsTheRealPlanAndChangesNothing() throws Exception {
    Path spec = dir.resolve("fleet.yaml");
    Files.writeString(spec, SPEC);
    CliRunner cli =
        new CliRunner(
            Map.of("USER", "alice"),
            (access, identity) -> new DirectClient(client, identity, access.target()));

    CliRunner.Result plan = cli.run("fleet", "start", "--file", spec.toString(), "--dry-run");

    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.out())
        .containsPattern("fleet-real-plan-dry-run-\\S+\\s+\\[fleet real-plan\\]\\s+phase PLANNED")
        .contains("versions: echo 2")
        .containsPattern("canary\\s+\\S+\\s+1")
        // the refused grid stays in its stage (it counts against that stage's budget)
        .containsPattern("rest\\s+\\S+\\s+2\n")
        .containsPattern("eu-1/apps/a\\s+echo\\s+canary\\s+1\\s+2")
        .containsPattern("us-1/apps/c\\s+echo\\s+rest\\s+1\\s+2")
        .contains("REFUSED (1, not upgraded):")
        .contains("- eu-1/apps/gone-b (echo): ")
        .contains("StatefulSet apps/gone-b is not found")
        .containsPattern("eu-1\\s+gridshift-cluster-eu-1\\s+SEEN\\s+agent-eu-1")
        .containsPattern("us-1\\s+gridshift-cluster-us-1\\s+SEEN\\s+agent-us-1")
        .contains("nothing was changed");
    // Nothing started for real: no fleet run, and each grid was read only by its dry run's plan.
    assertThat(cli.run("fleet", "status", "fleet-real-plan").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.run("status", "echo-upgrade-eu-1-apps-a").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
    // Each eu-1 grid was read once, by its dry run's plan (an upgrade reads it again).
    verify(euKube, org.mockito.Mockito.times(2)).rolloutStatus(any());
  }
}
