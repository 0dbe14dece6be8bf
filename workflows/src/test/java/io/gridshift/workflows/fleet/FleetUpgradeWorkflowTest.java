package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.testing.WorkflowTime;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fleet workflow's stages, plan, budget, gates and refusals ({@link FleetTestSupport}: real
 * echo children, mocked agents, time skipping).
 */
class FleetUpgradeWorkflowTest extends FleetTestSupport {
  @Test
  void stagesRunInOrderAndEveryGridUpgradesAsItsOwnSingleUpgrade() {
    FleetSpec spec =
        spec(
            "order",
            List.of("eu-1", "us-1"),
            List.of(stage("canary", 1, 1, null), stage("rest", null, 2, null)),
            false);
    WorkflowStub stub = startFleet(spec);

    FleetStatus done = stub.getResult(FleetStatus.class);

    assertThat(done.phase()).as(done.message()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(done.grids()).extracting(GridStatus::state).containsOnly("SUCCEEDED");
    assertThat(done.stages()).extracting(FleetStatus.StageStatus::state).containsOnly("DONE");
    GridStatus canary = grid(done, "eu-1/apps/a");
    assertThat(canary.stage()).isEqualTo("canary");
    for (String other : List.of("eu-1/apps/b", "us-1/apps/c", "us-1/apps/d")) {
      GridStatus g = grid(done, other);
      assertThat(g.stage()).isEqualTo("rest");
      assertThat(g.startedAt()).isGreaterThanOrEqualTo(canary.endedAt());
      assertThat(g.durationMs()).isNotNull();
    }
    assertThat(canary.workflowId()).isEqualTo("echo-upgrade-eu-1-apps-a");
    assertThat(done.agents())
        .extracting(FleetStatus.AgentStatus::identity)
        .containsExactly("agent-eu-1", "agent-us-1");
    // The child ran as the single upgrade of its grid, its gate passed on the approver's name.
    UpgradeStatus child =
        client.newUntypedWorkflowStub("echo-upgrade-eu-1-apps-a").getResult(UpgradeStatus.class);
    assertThat(child.audit())
        .filteredOn(e -> e.action() == AuditEntry.Action.APPROVED)
        .extracting(AuditEntry::by)
        .containsExactly("alice");
    // Every grid: one read in its dry run, two in its upgrade.
    assertThat(reads.values()).extracting(AtomicInteger::get).containsOnly(3);
  }

  @Test
  void aDryRunPlansAndChangesNothing() {
    FleetStatus done =
        startFleet(spec("dry", List.of("eu-1", "us-1"), List.of(stage("all", null, 4, null)), true))
            .getResult(FleetStatus.class);

    assertThat(done.phase()).isEqualTo(FleetPhase.PLANNED);
    assertThat(done.grids()).extracting(GridStatus::state).containsOnly("PENDING");
    assertThat(done.grids()).extracting(GridStatus::stage).containsOnly("all");
    assertThat(reads.values()).extracting(AtomicInteger::get).containsOnly(1);
  }

  @Test
  void aClusterWithNoAgentIsUnreachableAndTheOthersGoOn() {
    FleetStatus done =
        startFleet(
                spec(
                    "missing",
                    List.of("eu-1", "ap-1"),
                    List.of(stage("all", null, 2, null)),
                    false))
            .getResult(FleetStatus.class);

    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(done.grids()).extracting(GridStatus::state).containsOnly("SUCCEEDED");
    FleetStatus.AgentStatus ap =
        done.agents().stream().filter(a -> a.cluster().equals("ap-1")).findFirst().orElseThrow();
    assertThat(ap.state()).isEqualTo("MISSING");
    assertThat(ap.message())
        .contains("gridshift-cluster-ap-1")
        .contains("./gridshift agent --config agent.yaml");
  }

  /**
   * A fleet whose only cluster no agent serves: its discovery gives up within a minute and the
   * fleet fails, naming the queue (with other clusters answering, it would go on without this one).
   */
  @Test
  void aFleetWhoseOnlyClusterHasNoAgentFailsWithinAMinuteNamingTheQueue() {
    WorkflowStub stub =
        startFleet(spec("nobody", List.of("ap-1"), List.of(stage("all", null, 1, null)), false));
    FleetStatus done = stub.getResult(FleetStatus.class);

    FleetStatus.AgentStatus ap = done.agents().get(0);
    assertThat(ap.state()).isEqualTo("MISSING");
    assertThat(ap.message()).contains("task queue gridshift-cluster-ap-1 within 45 s");
    assertThat(done.phase()).isEqualTo(FleetPhase.FAILED);
    assertThat(done.message())
        .contains("no cluster's agent answered")
        .contains("ap-1 (task queue gridshift-cluster-ap-1)")
        .contains("./gridshift agent --config");
    assertThat(WorkflowTime.of(client, stub.getExecution().getWorkflowId()))
        .isLessThanOrEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void overBudgetHaltsAndApprovingResumesWithTheFailedGridSkipped() {
    failing.add("eu-1/apps/a");
    WorkflowStub stub =
        startFleet(
            spec("budget", List.of("eu-1", "us-1"), List.of(stage("all", null, 1, "0")), false));

    FleetStatus halted = awaitStatus(stub, s -> s.openGate() != null);
    assertThat(halted.phase()).isEqualTo(FleetPhase.HALTED);
    assertThat(halted.openGate().name()).isEqualTo(FleetUpgradeWorkflow.HALTED_GATE);
    assertThat(halted.budget().failed()).isEqualTo(1);
    assertThat(grid(halted, "eu-1/apps/a").message()).contains("broke");
    // Nothing new started while over budget.
    assertThat(halted.grids()).filteredOn(g -> g.state().equals("SUCCEEDED")).isEmpty();
    stub.update("approve", AuditEntry.class, new GateDecision("fleet-halted", "bob", "go on"));

    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(grid(done, "eu-1/apps/a").state()).isEqualTo("SKIPPED");
    assertThat(done.grids()).filteredOn(g -> g.state().equals("SUCCEEDED")).hasSize(3);
  }

  @Test
  void underBudgetAFailureDoesNotHalt() {
    failing.add("eu-1/apps/a");
    FleetStatus done =
        startFleet(
                spec("under", List.of("eu-1", "us-1"), List.of(stage("all", null, 2, "1")), false))
            .getResult(FleetStatus.class);

    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(grid(done, "eu-1/apps/a").state()).isEqualTo("FAILED");
    assertThat(done.audit()).noneMatch(e -> "fleet-halted".equals(e.gate()));
  }

  @Test
  void rejectingTheHaltAbortsAndStartsNothingMore() {
    failing.add("eu-1/apps/a");
    WorkflowStub stub =
        startFleet(
            spec("reject", List.of("eu-1", "us-1"), List.of(stage("all", null, 1, "0")), false));
    awaitStatus(stub, s -> s.openGate() != null);
    stub.update("reject", AuditEntry.class, new GateDecision("fleet-halted", "bob", "stop"));

    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.ABORTED);
    assertThat(done.grids()).filteredOn(g -> g.state().equals("SUCCEEDED")).isEmpty();
    assertThat(reads.get("us-1/apps/c").get()).isEqualTo(1); // its dry run only
  }

  @Test
  void aStageGateNeedsAnotherPersonUnderFourEyesAndChildrenCarryTheApprover() {
    StageSpec gated =
        new StageSpec("prod", null, null, null, 4, null, null, null, GatePolicy.required());
    WorkflowStub stub = startFleet(spec("gated", List.of("eu-1"), List.of(gated), false));
    awaitStatus(stub, s -> s.openGate() != null);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> stub.update("approve", AuditEntry.class, new GateDecision("prod", "alice", "me")))
        .hasStackTraceContaining("four-eyes");
    stub.update("approve", AuditEntry.class, new GateDecision("prod", "carol", "ok"));

    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(done.stages().get(0).approvals()).extracting(AuditEntry::by).contains("carol");
    UpgradeStatus child =
        client.newUntypedWorkflowStub("echo-upgrade-eu-1-apps-b").getResult(UpgradeStatus.class);
    assertThat(child.audit())
        .filteredOn(e -> e.action() == AuditEntry.Action.APPROVED)
        .extracting(AuditEntry::by)
        .containsExactly("carol");
  }

  @Test
  void skipAndAbortAreAuditedAndRefusalsSayWhy() {
    StageSpec gated =
        new StageSpec("prod", null, null, null, 1, null, null, null, GatePolicy.required());
    WorkflowStub stub =
        startFleet(spec("controls", List.of("eu-1", "us-1"), List.of(gated), false));
    awaitStatus(stub, s -> s.openGate() != null);

    stub.update("skip", AuditEntry.class, new GridAction("us-1/apps/c", "bob", "not today"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> stub.update("skip", AuditEntry.class, new GridAction("nope/x/y", "bob", null)))
        .hasStackTraceContaining("is not in this fleet");
    stub.signal("skipSignal", new GridAction("us-1/apps/c", "", null));
    stub.update(
        "abort",
        AuditEntry.class,
        new io.gridshift.workflows.common.OperatorAction("bob", "enough"));

    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.ABORTED);
    assertThat(grid(done, "us-1/apps/c").state()).isEqualTo("SKIPPED");
    assertThat(done.audit())
        .extracting(AuditEntry::action)
        .contains(
            AuditEntry.Action.SKIPPED,
            AuditEntry.Action.REFUSED,
            AuditEntry.Action.ABORT_REQUESTED);
    assertThat(done.grids()).filteredOn(g -> g.state().equals("SUCCEEDED")).isEmpty();
  }

  @Test
  void aGridWhoseUpgradeIsAlreadyRunningIsRefusedAndNamed() {
    // A single upgrade of eu-1/apps/a waits at its gate.
    WorkflowStub single =
        client.newUntypedWorkflowStub(
            "EchoUpgrade",
            WorkflowOptions.newBuilder()
                .setWorkflowId("echo-upgrade-eu-1-apps-a")
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    single.start(
        new io.gridshift.workflows.testkind.EchoUpgradeRequest(
            new io.gridshift.workflows.common.ClusterRef("eu-1", "apps"),
            "a",
            "2",
            Map.of(),
            false,
            "dave",
            false));

    FleetStatus done =
        startFleet(spec("busy", List.of("eu-1"), List.of(stage("all", null, 2, "0")), false))
            .getResult(FleetStatus.class);

    GridStatus a = grid(done, "eu-1/apps/a");
    assertThat(a.state()).isEqualTo("REFUSED");
    assertThat(a.message()).contains("already running as workflow echo-upgrade-eu-1-apps-a");
    assertThat(grid(done, "eu-1/apps/b").state()).isEqualTo("SUCCEEDED");
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
  }

  @Test
  void aGridAnotherToolManagesIsSkippedNotCountedAgainstTheBudget() {
    owned.add("eu-1/apps/a");

    FleetStatus done =
        startFleet(spec("owned", List.of("eu-1"), List.of(stage("all", null, 2, "0")), false))
            .getResult(FleetStatus.class);

    GridStatus a = grid(done, "eu-1/apps/a");
    assertThat(a.state()).isEqualTo("SKIPPED");
    assertThat(a.message())
        .contains("is managed by Helm")
        .contains("set childDefaults.echo.ownership: TAKE_OVER");
    assertThat(grid(done, "eu-1/apps/b").state()).isEqualTo("SUCCEEDED");
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
  }
}
