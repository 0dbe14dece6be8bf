package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.InfinispanGates.CUTOVER;
import static io.gridshift.workflows.infinispan.InfinispanGates.SWITCH_TRAFFIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.AuditEntry.Action;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Decisions that must be refused: by update (the caller is told) and by signal (audited). */
class GateValidationTest extends WorkflowTestSupport {

  @Test
  void fourEyesRefusesTheRequesterByUpdateAndAuditsTheSignal() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().fourEyes().build());
    awaitGate(stub, SWITCH_TRAFFIC);

    String refusal = updateRefusal(stub, new GateDecision(SWITCH_TRAFFIC, "alice", "mine"));
    stub.approveSignal(new GateDecision(SWITCH_TRAFFIC, "Alice", "mine again"));
    UpgradeStatus status = awaitStatus(stub, "refused signal", s -> !refusals(s).isEmpty());

    assertThat(refusal).contains("four-eyes is on").contains("alice requested this upgrade");
    AuditEntry refused = refusals(status).get(0);
    assertThat(refused.by()).isEqualTo("Alice");
    assertThat(refused.comment()).isEqualTo("mine again");
    assertThat(refused.reason()).contains("four-eyes is on");
    assertThat(status.openGate().name()).isEqualTo(SWITCH_TRAFFIC);
    assertThat(status.openGate().fourEyes()).isTrue();
    assertThat(status.openGate().requestedBy()).isEqualTo("alice");
    assertThat(status.phase()).isEqualTo(Phase.WAITING_APPROVAL);
    verify(kube, never()).setServiceSelector(any());

    // Someone else may approve; the upgrade goes on.
    stub.approve(new GateDecision(SWITCH_TRAFFIC, "bob", "checked"));
    awaitGate(stub, CUTOVER);
  }

  @Test
  void withoutFourEyesTheRequesterMayApprove() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, SWITCH_TRAFFIC);

    AuditEntry entry = stub.approve(new GateDecision(SWITCH_TRAFFIC, "alice", "solo"));

    assertThat(entry.action()).isEqualTo(Action.APPROVED);
    awaitGate(stub, CUTOVER);
  }

  @Test
  void underFourEyesTheRequesterMayStillReject() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().fourEyes().build());
    awaitGate(stub, SWITCH_TRAFFIC);

    AuditEntry entry = stub.reject(new GateDecision(SWITCH_TRAFFIC, "alice", "changed my mind"));

    assertThat(entry.action()).isEqualTo(Action.REJECTED);
    assertThat(failure(stub).getType()).isEqualTo("GateRejected");
  }

  @Test
  void approvalOfAGateThatIsNotOpenIsRefused() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, SWITCH_TRAFFIC);

    String wrongGate = updateRefusal(stub, new GateDecision(CUTOVER, "bob", "early"));
    String unknownGate = updateRefusal(stub, new GateDecision("retry", "bob", "?"));
    stub.approveSignal(new GateDecision(CUTOVER, "bob", "early by signal"));
    UpgradeStatus status = awaitStatus(stub, "refused signal", s -> !refusals(s).isEmpty());

    assertThat(wrongGate).contains("gate 'cutover' is not open; the open gate is 'switch-traffic'");
    assertThat(unknownGate).contains("gate 'retry' is not open");
    assertThat(refusals(status).get(0).reason())
        .contains("gate 'cutover' is not open; the open gate is 'switch-traffic'");
    assertThat(status.openGate().name()).isEqualTo(SWITCH_TRAFFIC);
    verify(kube, never()).setServiceSelector(any());
  }

  @Test
  void decisionWhenNoGateIsOpenIsRefused() throws Exception {
    CountDownLatch deploying = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            i -> {
              deploying.countDown();
              release.await(10, TimeUnit.SECONDS);
              return null;
            })
        .when(deploy)
        .deployTarget(any());
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    assertThat(deploying.await(10, TimeUnit.SECONDS)).isTrue();

    String refusal = updateRefusal(stub, new GateDecision(SWITCH_TRAFFIC, "bob", "eager"));
    stub.approveSignal(new GateDecision(SWITCH_TRAFFIC, "bob", "eager by signal"));
    UpgradeStatus status = awaitStatus(stub, "refused signal", s -> !refusals(s).isEmpty());
    release.countDown();

    assertThat(refusal).contains("no gate is open");
    assertThat(refusals(status).get(0).reason()).contains("no gate is open");
    // The early approval was not kept for later: the gate still waits for a decision.
    UpgradeStatus atGate = awaitGate(stub, SWITCH_TRAFFIC);
    assertThat(atGate.audit()).noneMatch(e -> e.action() == Action.APPROVED);
    verify(kube, never()).setServiceSelector(any());
  }

  @Test
  void missingApproverIsRefused() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, SWITCH_TRAFFIC);

    String blank = updateRefusal(stub, new GateDecision(SWITCH_TRAFFIC, " ", "who?"));
    String none = updateRefusal(stub, new GateDecision(SWITCH_TRAFFIC, null, "who?"));
    stub.rejectSignal(new GateDecision(SWITCH_TRAFFIC, null, "anonymous"));
    UpgradeStatus status = awaitStatus(stub, "refused signal", s -> !refusals(s).isEmpty());

    assertThat(blank).contains("'by' is required");
    assertThat(none).contains("'by' is required");
    assertThat(refusals(status).get(0).reason()).contains("'by' is required");
    assertThat(status.openGate().name()).isEqualTo(SWITCH_TRAFFIC);
    verify(deploy, never()).deleteGrid(any());
  }

  @Test
  void oversizedApproverOrCommentIsRefusedByUpdateNamingTheField() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, SWITCH_TRAFFIC);

    String longBy = updateRefusal(stub, new GateDecision(SWITCH_TRAFFIC, "b".repeat(300_000), "x"));
    String longComment =
        updateRefusal(stub, new GateDecision(SWITCH_TRAFFIC, "bob", "c".repeat(100_000)));
    String forged =
        updateRefusal(stub, new GateDecision(SWITCH_TRAFFIC, "bob\nAPPROVED by carol", "x"));

    assertThat(longBy).contains("'by' is 300000 characters long").contains("at most 256");
    assertThat(longComment)
        .contains("'comment' is 100000 characters long")
        .contains("at most 2000");
    assertThat(forged).contains("'by'").contains("control character");
    assertThat(stub.status().openGate().name()).isEqualTo(SWITCH_TRAFFIC);
    assertThat(stub.status().audit()).noneMatch(e -> e.action() == Action.APPROVED);
    // At the limits, a decision is accepted.
    stub.approve(new GateDecision(SWITCH_TRAFFIC, "b".repeat(256), "c".repeat(2000)));
    awaitGate(stub, CUTOVER);
  }

  @Test
  void oversizedSignalsAreAuditedRefusedAndCutToTheLimits() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, SWITCH_TRAFFIC);

    stub.approveSignal(new GateDecision(SWITCH_TRAFFIC, "b".repeat(300_000), "ok"));
    stub.abort(new OperatorAction("bob", "c".repeat(100_000)));
    UpgradeStatus status = awaitStatus(stub, "refused signals", s -> refusals(s).size() == 2);

    AuditEntry approval = refusals(status).get(0);
    assertThat(approval.reason()).contains("'by' is 300000 characters long");
    assertThat(approval.by())
        .startsWith("b".repeat(256))
        .endsWith("[truncated by gridshift: 300000 characters]")
        .hasSizeLessThan(320);
    AuditEntry abort = refusals(status).get(1);
    assertThat(abort.reason()).contains("'comment' is 100000 characters long");
    assertThat(abort.comment()).hasSizeLessThan(2_100);
    assertThat(status.openGate().name()).isEqualTo(SWITCH_TRAFFIC);
    assertThat(status.audit()).noneMatch(e -> e.action() == Action.APPROVED);
    assertThat(status.audit()).noneMatch(e -> e.action() == Action.ABORT_REQUESTED);
    verify(kube, never()).setServiceSelector(any());
  }

  private static String updateRefusal(InfinispanUpgradeWorkflow stub, GateDecision decision) {
    WorkflowUpdateException e =
        catchThrowableOfType(WorkflowUpdateException.class, () -> stub.approve(decision));
    assertThat(e).as("the update should have been refused").isNotNull();
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" | ");
    }
    return messages.toString();
  }

  private static List<AuditEntry> refusals(UpgradeStatus status) {
    return status.audit().stream().filter(e -> e.action() == Action.REFUSED).toList();
  }
}
