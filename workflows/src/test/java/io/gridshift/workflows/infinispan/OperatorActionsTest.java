package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.GateOutcomesTest.step;
import static io.gridshift.workflows.infinispan.Requests.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.AuditEntry.Action;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** pause, resume and abort, before and after the point of no return. */
class OperatorActionsTest extends WorkflowTestSupport {
  private static final DeleteGridRequest DELETE_TARGET =
      new DeleteGridRequest(CLUSTER, TARGET, List.of(TARGET, PINNED), true, CLAIM);
  private static final ServiceSelectorRequest BACK_TO_SOURCE =
      new ServiceSelectorRequest(CLUSTER, "dg", SOURCE_SELECTOR, CLAIM);

  @Test
  void abortAtAGateBeforeCutoverCompensates() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    approve(stub, InfinispanGates.SWITCH_TRAFFIC, "bob");
    awaitGate(stub, InfinispanGates.CUTOVER);

    stub.abort(new OperatorAction("carol", "customer escalation"));
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(UpgradeStop.ABORTED);
    assertThat(failure.getOriginalMessage())
        .startsWith("aborted by carol: customer escalation")
        .contains("client traffic is on the source grid dg");
    verify(kube).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy).deleteGrid(DELETE_TARGET);
    verify(data, never()).disconnectSource(any());
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(status.audit())
        .anyMatch(
            e ->
                e.action() == Action.ABORT_REQUESTED
                    && e.by().equals("carol")
                    && e.comment().equals("customer escalation"));
  }

  @Test
  void abortDuringARunningStepBeforeCutoverStopsThereAndCompensates() throws Exception {
    CountDownLatch syncing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            i -> {
              syncing.countDown();
              release.await(10, TimeUnit.SECONDS);
              return new SyncResult(i.<SyncRequest>getArgument(0).cache().cache(), 1, 1);
            })
        .when(data)
        .syncData(any());
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());
    assertThat(syncing.await(10, TimeUnit.SECONDS)).isTrue();

    stub.abort(new OperatorAction("carol", "wrong window"));
    awaitStatus(
        stub,
        "abort recorded",
        s -> s.audit().stream().anyMatch(e -> e.action() == Action.ABORT_REQUESTED));
    release.countDown();
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(UpgradeStop.ABORTED);
    assertThat(failure.getOriginalMessage()).startsWith("aborted by carol: wrong window");
    verify(data, never()).verify(any());
    // The abort cancelled the running step instead of waiting for the next boundary.
    assertThat(step(stub.status(), InfinispanSteps.SYNC_DATA).message())
        .startsWith("aborted by carol");
    verify(kube).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy).deleteGrid(DELETE_TARGET);
  }

  @Test
  void abortAfterCutoverStopsWithoutRollingBack() {
    InfinispanUpgradeWorkflow stub =
        start(
            Requests.upgrade()
                .allGatesAuto()
                .gate(InfinispanGates.DELETE_SOURCE, GatePolicy.required())
                .build());
    awaitGate(stub, InfinispanGates.DELETE_SOURCE);

    stub.abort(new OperatorAction("carol", "keep the source for now"));
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(UpgradeStop.ABORTED);
    assertThat(failure.getOriginalMessage())
        .startsWith("aborted by carol: keep the source for now")
        .contains("Nothing was rolled back")
        .contains("The target is verified")
        .contains("The source grid dg is still running");
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy, never()).deleteGrid(any());
    assertThat(stub.status().phase()).isEqualTo(Phase.ABORTED);
  }

  @Test
  void abortAfterCutoverLetsTheRunningStepFinish() throws Exception {
    CountDownLatch disconnecting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            i -> {
              disconnecting.countDown();
              release.await(10, TimeUnit.SECONDS);
              return null;
            })
        .when(data)
        .disconnectSource(any());
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());
    assertThat(disconnecting.await(10, TimeUnit.SECONDS)).isTrue();

    stub.abort(new OperatorAction("carol", "stop"));
    awaitStatus(
        stub,
        "abort recorded",
        s -> s.audit().stream().anyMatch(e -> e.action() == Action.ABORT_REQUESTED));
    release.countDown();
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getOriginalMessage()).startsWith("aborted by carol: stop");
    UpgradeStatus status = stub.status();
    assertThat(step(status, InfinispanSteps.DISCONNECT_SOURCE).state())
        .isEqualTo(StepState.SUCCEEDED);
    assertThat(step(status, InfinispanSteps.VERIFY_TARGET).state()).isEqualTo(StepState.SKIPPED);
    verify(data, never()).verify(argThat(VerifyRequest::fullKeyCheck));
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy, never()).deleteGrid(any());
  }

  @Test
  void pauseHoldsBeforeTheNextStepUntilResumed() {
    InfinispanUpgradeWorkflow stub =
        start(
            Requests.upgrade()
                .allGatesAuto()
                .gate(InfinispanGates.SWITCH_TRAFFIC, GatePolicy.required())
                .build());
    awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);

    stub.pause(new OperatorAction("ops", "change freeze until noon"));
    stub.approve(new GateDecision(InfinispanGates.SWITCH_TRAFFIC, "bob", "go"));
    UpgradeStatus paused = awaitPhase(stub, Phase.PAUSED);

    assertThat(paused.paused()).isTrue();
    assertThat(step(paused, InfinispanSteps.GATE_SWITCH_TRAFFIC).state())
        .isEqualTo(StepState.SUCCEEDED);
    assertThat(step(paused, InfinispanSteps.SWITCH_TRAFFIC).state()).isEqualTo(StepState.PENDING);
    verify(kube, never()).setServiceSelector(any());

    stub.resume(new OperatorAction("ops", "freeze over"));
    UpgradeStatus done = result(stub);

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.paused()).isFalse();
    assertThat(done.audit())
        .filteredOn(e -> e.gate() == null)
        .extracting(AuditEntry::action, AuditEntry::by, AuditEntry::comment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Action.PAUSED, "ops", "change freeze until noon"),
            org.assertj.core.groups.Tuple.tuple(Action.RESUMED, "ops", "freeze over"));
  }

  @Test
  void operatorActionsWithoutIdentityOrOutOfPlaceAreRefused() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);

    stub.pause(new OperatorAction(null, "anonymous"));
    stub.resume(new OperatorAction("ops", "not paused"));
    stub.abort(new OperatorAction("", "anonymous"));
    UpgradeStatus status =
        awaitStatus(
            stub,
            "three refusals",
            s -> s.audit().stream().filter(e -> e.action() == Action.REFUSED).count() == 3);

    assertThat(status.audit())
        .filteredOn(e -> e.action() == Action.REFUSED)
        .extracting(AuditEntry::reason)
        .containsExactly(
            "'by' is required: say who asks (it goes into the audit log)",
            "the upgrade is not paused, so there is nothing to resume; pause holds it before its"
                + " next step",
            "'by' is required: say who asks (it goes into the audit log)");
    assertThat(status.paused()).isFalse();
    assertThat(status.phase()).isEqualTo(Phase.WAITING_APPROVAL);
    verify(deploy, never()).deleteGrid(any());
  }
}
