package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.InfinispanConventions.GRID_LABEL;
import static io.gridshift.workflows.infinispan.InfinispanGates.CUTOVER;
import static io.gridshift.workflows.infinispan.InfinispanGates.DELETE_SOURCE;
import static io.gridshift.workflows.infinispan.InfinispanGates.SWITCH_TRAFFIC;
import static io.gridshift.workflows.infinispan.Requests.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.AuditEntry.Action;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.GatePolicy.Approval;
import io.gridshift.workflows.common.GatePolicy.TimeoutAction;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class GateOutcomesTest extends WorkflowTestSupport {
  private static final DeleteGridRequest DELETE_TARGET =
      new DeleteGridRequest(CLUSTER, TARGET, List.of(TARGET, PINNED), true, CLAIM);
  private static final DeleteGridRequest DELETE_SOURCE_GRID =
      new DeleteGridRequest(CLUSTER, "dg", List.of(PINNED), true, CLAIM);
  private static final ServiceSelectorRequest TO_TARGET =
      new ServiceSelectorRequest(CLUSTER, "dg", Map.of(GRID_LABEL, TARGET), CLAIM);
  private static final ServiceSelectorRequest BACK_TO_SOURCE =
      new ServiceSelectorRequest(CLUSTER, "dg", SOURCE_SELECTOR, CLAIM);

  @Test
  void approvedGatesCompleteTheUpgrade() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());

    approve(stub, SWITCH_TRAFFIC, "bob");
    awaitGate(stub, CUTOVER);
    // The Temporal UI's way: a signal, validated like the update.
    stub.approveSignal(new GateDecision(CUTOVER, "bob", "looks good"));
    approve(stub, DELETE_SOURCE, "carol");
    UpgradeStatus status = result(stub);

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(status.steps())
        .filteredOn(
            s ->
                !s.name().equals(InfinispanSteps.GATE_WRITES_PAUSED)
                    && !s.name().equals(InfinispanSteps.GATE_WRITES_PAUSED_FOR_SYNC)
                    && !s.name().equals(InfinispanSteps.SYNC_PAUSED_CACHES)
                    && !s.name().equals(InfinispanSteps.CATCH_UP_PAUSED_CACHES))
        .extracting(StepStatus::state)
        .containsOnly(StepState.SUCCEEDED);
    assertThat(step(status, InfinispanSteps.GATE_WRITES_PAUSED).state())
        .isEqualTo(StepState.SKIPPED);
    assertThat(step(status, InfinispanSteps.SYNC_PAUSED_CACHES).state())
        .isEqualTo(StepState.SKIPPED);
    assertThat(step(status, InfinispanSteps.DELETE_SOURCE).message())
        .contains("deleted StatefulSet dg, its ConfigMap and Service dg-gridshift-source")
        .contains("PersistentVolumeClaims are kept");
    verify(kube).setServiceSelector(TO_TARGET);
    verify(deploy).deleteGrid(DELETE_SOURCE_GRID);
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy, never()).deleteGrid(DELETE_TARGET);
    List<AuditEntry> approvals =
        status.audit().stream().filter(e -> e.action() == Action.APPROVED).toList();
    assertThat(approvals)
        .extracting(AuditEntry::gate, AuditEntry::by, AuditEntry::comment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SWITCH_TRAFFIC, "bob", "looks good"),
            org.assertj.core.groups.Tuple.tuple(CUTOVER, "bob", "looks good"),
            org.assertj.core.groups.Tuple.tuple(DELETE_SOURCE, "carol", "looks good"));
    assertThat(approvals).allSatisfy(e -> assertThat(Instant.parse(e.at())).isNotNull());
  }

  @Test
  void rejectedSwitchTrafficRemovesTheTargetAndNeverMovesTraffic() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, SWITCH_TRAFFIC);

    stub.rejectSignal(new GateDecision(SWITCH_TRAFFIC, "bob", "not during sales"));
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    assertThat(failure.getOriginalMessage())
        .contains("gate 'switch-traffic' was rejected by bob: not during sales")
        .contains("target " + TARGET + " was removed");
    verify(deploy).deleteGrid(DELETE_TARGET);
    verify(kube, never()).setServiceSelector(any());
    verify(data, never()).syncData(any());
    verify(deploy, never()).deleteGrid(DELETE_SOURCE_GRID);
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(step(status, InfinispanSteps.DEPLOY_TARGET).state())
        .isEqualTo(StepState.COMPENSATED);
    assertThat(step(status, InfinispanSteps.GATE_SWITCH_TRAFFIC).state())
        .isEqualTo(StepState.FAILED);
    assertThat(step(status, InfinispanSteps.SYNC_DATA).state()).isEqualTo(StepState.SKIPPED);
    assertThat(status.openGate()).isNull();
  }

  @Test
  void rejectedCutoverPutsTrafficBackBeforeRemovingTheTarget() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    approve(stub, SWITCH_TRAFFIC, "bob");
    awaitGate(stub, CUTOVER);

    stub.reject(new GateDecision(CUTOVER, "carol", "counts look odd"));
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    InOrder order = inOrder(kube, deploy);
    order.verify(kube).setServiceSelector(TO_TARGET);
    order.verify(kube).setServiceSelector(BACK_TO_SOURCE);
    order.verify(deploy).deleteGrid(DELETE_TARGET);
    verify(deploy, never()).deleteGrid(DELETE_SOURCE_GRID);
    verify(data, never()).disconnectSource(any());
    UpgradeStatus status = stub.status();
    assertThat(step(status, InfinispanSteps.SWITCH_TRAFFIC).state())
        .isEqualTo(StepState.COMPENSATED);
  }

  @Test
  void expiredGateWithAbortCompensates() {
    InfinispanUpgradeWorkflow stub =
        start(
            Requests.upgrade()
                .gate(SWITCH_TRAFFIC, new GatePolicy(Approval.REQUIRED, "2h", TimeoutAction.ABORT))
                .build());

    awaitGate(stub, SWITCH_TRAFFIC);

    env.sleep(Duration.ofHours(3));
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(UpgradeStop.GATE_EXPIRED);
    assertThat(failure.getOriginalMessage()).contains("gate 'switch-traffic' expired");
    verify(deploy).deleteGrid(DELETE_TARGET);
    verify(kube, never()).setServiceSelector(any());
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(status.audit())
        .extracting(AuditEntry::gate, AuditEntry::action, AuditEntry::by)
        .contains(org.assertj.core.groups.Tuple.tuple(SWITCH_TRAFFIC, Action.EXPIRED, "gridshift"));
  }

  @Test
  void expiredGateWithKeepWaitingReopensUntilApproved() {
    InfinispanUpgradeWorkflow stub =
        start(
            Requests.upgrade()
                .allGatesAuto()
                .gate(CUTOVER, new GatePolicy(Approval.REQUIRED, "1h", TimeoutAction.KEEP_WAITING))
                .build());
    String firstDeadline = awaitGate(stub, CUTOVER).openGate().deadline();

    env.sleep(Duration.ofMinutes(90));
    UpgradeStatus reopened = awaitGate(stub, CUTOVER);

    assertThat(reopened.openGate().deadline()).isGreaterThan(firstDeadline);
    assertThat(reopened.audit()).anyMatch(e -> e.action() == Action.EXPIRED);
    assertThat(reopened.phase()).isEqualTo(Phase.WAITING_APPROVAL);
    verify(deploy, never()).deleteGrid(any());

    stub.approve(new GateDecision(CUTOVER, "bob", "late but fine"));
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    verify(deploy).deleteGrid(DELETE_SOURCE_GRID);
  }

  @Test
  void aOneMinuteGateThatKeepsWaitingForADayRemindsAtGrowingIntervals() {
    InfinispanUpgradeWorkflow stub =
        start(
            Requests.upgrade()
                .allGatesAuto()
                .gate(CUTOVER, new GatePolicy(Approval.REQUIRED, "1m", TimeoutAction.KEEP_WAITING))
                .build());
    awaitGate(stub, CUTOVER);

    env.sleep(Duration.ofDays(1));
    UpgradeStatus waiting = awaitGate(stub, CUTOVER);

    // 1, 2, 4 ... 512 minutes: 10 reminders in a day, where the old loop reopened the gate 1,440
    // times and wrote two audit entries each.
    assertThat(waiting.audit())
        .filteredOn(e -> e.action() == Action.EXPIRED)
        .hasSizeBetween(9, 11)
        .allSatisfy(
            e -> assertThat(e.comment()).contains("KEEP_WAITING").contains("next reminder"));
    assertThat(waiting.audit()).filteredOn(e -> e.action() == Action.GATE_OPENED).hasSize(1);
    stub.approve(new GateDecision(CUTOVER, "bob", "late but fine"));
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void autoGatesPassAtOnceAndAreAuditedAsGridshift() {
    UpgradeStatus status = result(start(Requests.upgrade().allGatesAuto().build()));

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(status.audit())
        .extracting(AuditEntry::gate, AuditEntry::action, AuditEntry::by)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SWITCH_TRAFFIC, Action.APPROVED, "gridshift"),
            org.assertj.core.groups.Tuple.tuple(CUTOVER, Action.APPROVED, "gridshift"),
            org.assertj.core.groups.Tuple.tuple(DELETE_SOURCE, Action.APPROVED, "gridshift"));
  }

  @Test
  void rejectedDeleteSourceKeepsEverythingInPlace() {
    InfinispanUpgradeWorkflow stub =
        start(Requests.upgrade().allGatesAuto().gate(DELETE_SOURCE, GatePolicy.required()).build());
    awaitGate(stub, DELETE_SOURCE);

    stub.reject(new GateDecision(DELETE_SOURCE, "bob", "keep it a week"));
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    assertThat(failure.getOriginalMessage())
        .contains("Nothing was rolled back")
        .contains("The source grid dg is still running");
    verify(deploy, never()).deleteGrid(any());
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
    assertThat(stub.status().phase()).isEqualTo(Phase.ABORTED);
  }

  static StepStatus step(UpgradeStatus status, String name) {
    return status.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
