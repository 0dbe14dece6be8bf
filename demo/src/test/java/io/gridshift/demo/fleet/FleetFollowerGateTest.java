package io.gridshift.demo.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.demo.DemoCommands;
import io.gridshift.starter.FleetService;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code --yes} the follower decides a fleet gate through {@link FleetService}, the CLI's API,
 * against a real (test) Temporal server: it approves a stage's gate as {@code demo}, and rejects
 * {@code fleet-halted} rather than skip failed grids.
 */
class FleetFollowerGateTest {
  private static final String QUEUE = "fleet-follower-test";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

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
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(GateOnlyFleet.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void withYesTheStageGateIsApprovedAsDemoThroughTheFleetApi() throws Exception {
    FleetStatus end = follow("half");

    assertThat(end.phase()).isEqualTo(FleetStatus.FleetPhase.COMPLETED);
    assertThat(end.audit()).hasSize(1);
    assertThat(end.audit().get(0).action()).isEqualTo(AuditEntry.Action.APPROVED);
    assertThat(end.audit().get(0).by()).isEqualTo("demo");
    assertThat(end.audit().get(0).gate()).isEqualTo("half");
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("--yes: approving as 'demo'")
        .contains("./gridshift fleet approve fleet-shop half --by alice");
  }

  @Test
  void withYesAHaltedFleetIsRejectedNotResumedPastItsFailures() throws Exception {
    FleetStatus end = follow(FleetUpgradeWorkflow.HALTED_GATE);

    assertThat(end.phase()).isEqualTo(FleetStatus.FleetPhase.ABORTED);
    assertThat(end.audit())
        .extracting(AuditEntry::action)
        .containsExactly(AuditEntry.Action.REJECTED);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--yes does not skip failed grids");
  }

  private FleetStatus follow(String gate) throws InterruptedException {
    FleetSpec spec = new FleetSpec(gate, "alice", null, null, null, null, null, null, null);
    FleetUpgradeWorkflow fleet =
        client.newWorkflowStub(
            FleetUpgradeWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("fleet-shop").setTaskQueue(QUEUE).build());
    WorkflowClient.start(fleet::run, spec, null);
    FleetFollower follower =
        new FleetFollower(
            new FleetService(client),
            true,
            new DemoCommands(DemoCommands.CLI_DEFAULT_TEMPORAL, "alice"),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return follower.follow("fleet-shop", Duration.ofMinutes(1));
  }
}
