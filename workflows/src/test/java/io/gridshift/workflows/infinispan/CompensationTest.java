package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.GateOutcomesTest.step;
import static io.gridshift.workflows.infinispan.InfinispanConventions.GRID_LABEL;
import static io.gridshift.workflows.infinispan.Requests.CLUSTER;
import static io.gridshift.workflows.testing.FakeInfinispanGrid.matching;
import static io.gridshift.workflows.testing.FakeInfinispanGrid.missing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.common.AuditEntry.Action;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.GridshiftMetrics;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Before cutover everything is undone; after it nothing is, and a person decides. */
class CompensationTest extends WorkflowTestSupport {
  private static final DeleteGridRequest DELETE_TARGET =
      new DeleteGridRequest(CLUSTER, TARGET, List.of(TARGET, PINNED), true, CLAIM);
  private static final ServiceSelectorRequest BACK_TO_SOURCE =
      new ServiceSelectorRequest(CLUSTER, "dg", SOURCE_SELECTOR, CLAIM);

  /**
   * A target version whose pods crash at start: the rollout wait reports the crash loop at once
   * (not retried), the compensation removes the target, and client traffic never left the source.
   */
  @Test
  void aTargetThatCrashLoopsIsRemovedAndTrafficNeverMoves() {
    AtomicInteger waits = new AtomicInteger();
    doAnswer(
            i -> {
              waits.incrementAndGet();
              throw ApplicationFailure.newNonRetryableFailure(
                  "StatefulSet apps/dg-15-0-21: pod dg-15-0-21-0 crash-loops: container"
                      + " infinispan restarted 3 times without becoming ready; last exit: code 1;"
                      + " `kubectl logs -n apps dg-15-0-21-0 -c infinispan --previous`",
                  FailureTypes.POD_CRASH_LOOP);
            })
        .when(kube)
        .waitForRollout(any());
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());

    ApplicationFailure failure = failure(stub);

    assertThat(waits.get()).isEqualTo(1);
    assertThat(failure.getType()).isEqualTo(FailureTypes.POD_CRASH_LOOP);
    assertThat(failure.getOriginalMessage())
        .contains("deploy-target failed: StatefulSet apps/dg-15-0-21: pod dg-15-0-21-0 crash-loops")
        .contains("--previous")
        .contains("target " + TARGET + " was removed");
    verify(deploy).deleteGrid(DELETE_TARGET);
    verify(kube, never()).setServiceSelector(any());
    verify(data, never()).connectSource(any());
  }

  /**
   * The target's server runs another release than asked (a mirror's image under the asked tag):
   * deploy-target stops, the target is removed, and no cache was touched.
   */
  @Test
  void aTargetRunningAnotherVersionThanAskedIsRemovedBeforeAnyDataMoves() {
    grid.setServerVersion("Infinispan 'I'm Still Standing' 15.0.19.Final");

    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
    assertThat(failure.getOriginalMessage())
        .startsWith("target " + TARGET)
        .contains("runs 15.0.19.Final")
        .contains("targetVersion 15.0.21.Final was asked")
        .contains("target " + TARGET + " was removed");
    verify(deploy).deleteGrid(DELETE_TARGET);
    verify(data, never()).copyInternalCaches(any(), any());
    verify(data, never()).connectSource(any());
    verify(kube, never()).setServiceSelector(any());
    assertThat(step(stub.status(), InfinispanSteps.DEPLOY_TARGET).state())
        .isEqualTo(StepState.FAILED);
  }

  @Test
  void protostreamWriteProbeFailureRefusesToSwitchTrafficAndRemovesTheTarget() {
    doAnswer(
            i -> {
              String cache = i.<CacheRequest>getArgument(0).cache();
              return cache.equals("orders")
                  ? new ProbeResult(cache, false, "the source still holds the old value")
                  : new ProbeResult(cache, true, "ok");
            })
        .when(data)
        .probeWriteThrough(any());

    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(FailureTypes.WRITE_PROBE_FAILED);
    assertThat(failure.getOriginalMessage())
        .contains("cache 'orders': the source still holds the old value")
        .doesNotContain("cache 'sessions'")
        .contains("Traffic was NOT switched")
        .contains(
            "set \"protostream\": \"PAUSE_WRITES\" to migrate these caches with a short pause"
                + " of client writes right before traffic moves")
        .contains("target " + TARGET + " was removed");
    verify(deploy).deleteGrid(DELETE_TARGET);
    verify(kube, never()).setServiceSelector(any());
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.message()).contains("\"protostream\": \"PAUSE_WRITES\"");
    assertThat(status.audit()).noneMatch(e -> e.action() == Action.GATE_OPENED);
    verify(data, never()).syncData(any());
    assertThat(step(status, InfinispanSteps.PROBE_WRITE_THROUGH).state())
        .isEqualTo(StepState.FAILED);
    assertThat(status.details(InfinispanDetails.class).caches())
        .extracting(c -> c.name() + "=" + c.state())
        .containsExactly("orders=FAILED", "sessions=PROBED");
  }

  @Test
  void failedDeployRemovesWhatWasCreated() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "image quay.io/infinispan/server:15.0.21.Final cannot be pulled",
                FailureTypes.INVALID_REQUEST))
        .when(deploy)
        .deployTarget(any());

    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getOriginalMessage())
        .contains("deploy-target failed: image quay.io/infinispan/server:15.0.21.Final");
    verify(deploy).deleteGrid(DELETE_TARGET);
    assertThat(step(stub.status(), InfinispanSteps.DEPLOY_TARGET).state())
        .isEqualTo(StepState.FAILED);
  }

  @Test
  void dataMismatchBeforeCutoverPutsTrafficBackAndRemovesTheTarget() {
    doAnswer(i -> missing(i.getArgument(0), 2)).when(data).verify(any());
    Map<String, String> labels = Map.of("kind", "infinispan", "cluster", "test");
    long mismatchesBefore = metrics.count(GridshiftMetrics.VERIFY_MISMATCHES, labels);

    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(FailureTypes.DATA_MISMATCH);
    assertThat(failure.getOriginalMessage())
        .contains("verify-sync found data missing on the target")
        .contains("cache 'orders': source 100 entries, target 98, 2 of 100 checked keys missing");
    assertThat(
            metrics.awaitCount(GridshiftMetrics.VERIFY_MISMATCHES, labels, mismatchesBefore + 4)
                - mismatchesBefore)
        .as("2 missing keys in each of orders and sessions")
        .isEqualTo(4);
    InOrder order = inOrder(kube, deploy);
    order.verify(kube).setServiceSelector(BACK_TO_SOURCE);
    order.verify(deploy).deleteGrid(DELETE_TARGET);
    verify(data, never()).disconnectSource(any());
    verify(deploy, never()).deleteGrid(argThat(r -> r.grid().equals("dg")));
  }

  @Test
  void cancellingTheWorkflowStillCompensates() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    approve(stub, InfinispanGates.SWITCH_TRAFFIC, "bob");
    awaitGate(stub, InfinispanGates.CUTOVER);

    WorkflowStub.fromTyped(stub).cancel();
    WorkflowFailedException e =
        catchThrowableOfType(WorkflowFailedException.class, () -> result(stub));

    assertThat(e.getCause()).isInstanceOf(CanceledFailure.class);
    InOrder order = inOrder(kube, deploy);
    order.verify(kube).setServiceSelector(BACK_TO_SOURCE);
    order.verify(deploy).deleteGrid(DELETE_TARGET);
    assertThat(stub.status().phase()).isEqualTo(Phase.ABORTED);
  }

  @Test
  void failureAfterCutoverRollsNothingBackAndWaitsForAPersonWhoRetries() {
    AtomicBoolean fixed = new AtomicBoolean();
    doAnswer(
            i -> {
              VerifyRequest r = i.getArgument(0);
              return r.fullKeyCheck() && !fixed.get() ? missing(r, 3) : matching(r);
            })
        .when(data)
        .verify(any());
    InfinispanUpgradeWorkflow stub =
        start(
            Requests.upgrade()
                .allGatesAuto()
                .gate(InfinispanGates.DELETE_SOURCE, GatePolicy.required())
                .build());

    UpgradeStatus attention = awaitGate(stub, Gatekeeper.RETRY_GATE);

    assertThat(attention.phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    assertThat(attention.message())
        .contains("verify-target found data missing on the target")
        .contains("Nothing was rolled back")
        .contains("Approve gate 'retry' to run verify-target again");
    // The failed step waits for the person's answer, as every kind's failed steps do.
    assertThat(step(attention, InfinispanSteps.VERIFY_TARGET).state())
        .isEqualTo(StepState.WAITING_APPROVAL);
    assertThat(step(attention, InfinispanSteps.DISCONNECT_SOURCE).state())
        .isEqualTo(StepState.SUCCEEDED);
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy, never()).deleteGrid(any());

    fixed.set(true);
    stub.approve(new GateDecision(Gatekeeper.RETRY_GATE, "bob", "re-synced by hand"));
    approve(stub, InfinispanGates.DELETE_SOURCE, "bob");
    UpgradeStatus done = result(stub);

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(step(done, InfinispanSteps.VERIFY_TARGET).attempts()).isEqualTo(2);
    assertThat(step(done, InfinispanSteps.VERIFY_TARGET).state()).isEqualTo(StepState.SUCCEEDED);
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy, never()).deleteGrid(DELETE_TARGET);
  }

  @Test
  void rejectedRetryEndsFailedWithEverythingInPlace() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "cache orders: DELETE source-connection answered 500", "RestError"))
        .when(data)
        .disconnectSource(any());
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());
    awaitGate(stub, Gatekeeper.RETRY_GATE);

    stub.reject(new GateDecision(Gatekeeper.RETRY_GATE, "bob", "will finish by hand"));
    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo("RestError");
    assertThat(failure.getOriginalMessage())
        .contains("disconnect-source failed: cache orders: DELETE source-connection answered 500")
        .contains("gate 'retry' rejected by bob: will finish by hand")
        .contains("may still read through to it");
    assertThat(stub.status().phase()).isEqualTo(Phase.FAILED);
    verify(kube)
        .setServiceSelector(
            new ServiceSelectorRequest(CLUSTER, "dg", Map.of(GRID_LABEL, TARGET), CLAIM));
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy, never()).deleteGrid(any());
    verify(data, never()).verify(argThat(VerifyRequest::fullKeyCheck));
  }
}
