package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.approval.ApprovalKeys;
import io.gridshift.workflows.approval.ApprovalSigner;
import io.gridshift.workflows.approval.Approvals;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fleet's stage gates under signed approvals: an unsigned approval is refused and audited, one
 * signed for the fleet's workflow, the stage gate and the approver passes, and the children pass
 * their gates on that approval without tokens of their own.
 */
class FleetSignedApprovalsTest extends FleetTestSupport {
  static final ApprovalKeys KEYS =
      ApprovalKeys.of(
          Map.of("k1", "fleet-signed-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
          "k1");

  @Override
  protected void register(Worker workflows) {
    GridKinds.registerWorkflows(workflows, VisibilityOptions.NONE, Approvals.signed(KEYS, false));
  }

  @Test
  void aStageGateTakesOnlyASignedApproval() {
    StageSpec gated =
        new StageSpec("prod", null, null, null, 4, null, null, null, GatePolicy.required());
    WorkflowStub stub = startFleet(spec("signed", List.of("eu-1"), List.of(gated), false));
    awaitStatus(stub, s -> s.openGate() != null);
    String id = stub.getExecution().getWorkflowId();

    assertThatThrownBy(
            () -> stub.update("approve", AuditEntry.class, new GateDecision("prod", "carol", "ui")))
        .hasStackTraceContaining("signed approvals are on");
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    String token = new ApprovalSigner(KEYS).sign(id, "prod", true, "carol", now);
    stub.update("approve", AuditEntry.class, new GateDecision("prod", "carol", "ok", token));

    FleetStatus done = stub.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);
    assertThat(done.audit())
        .filteredOn(e -> e.action() == AuditEntry.Action.REFUSED)
        .extracting(AuditEntry::reason)
        .containsExactly(Gatekeeper.UNSIGNED);
    UpgradeStatus child =
        client.newUntypedWorkflowStub("echo-upgrade-eu-1-apps-b").getResult(UpgradeStatus.class);
    assertThat(child.audit())
        .filteredOn(e -> e.action() == AuditEntry.Action.APPROVED)
        .extracting(AuditEntry::by)
        .containsExactly("carol");
  }
}
