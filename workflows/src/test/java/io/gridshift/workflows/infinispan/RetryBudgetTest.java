package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.GateOutcomesTest.step;
import static io.gridshift.workflows.infinispan.Requests.CLUSTER;
import static io.gridshift.workflows.testing.FakeInfinispanGrid.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.common.ActivityOptionsProfiles;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retry budgets, counted: a retryable failure that keeps failing is tried exactly as often as its
 * profile says ({@link ActivityOptionsProfiles#SHORT_ATTEMPTS} for a short call, {@link
 * ActivityOptionsProfiles#LONG_ATTEMPTS} for a long wait), then the upgrade's failure handling
 * takes over with the cause: compensation before cutover, gate {@code retry} after it. Never
 * retried forever. And the usual failure of a long wait, a worker that dies mid-sync (it stops
 * heartbeating), costs one attempt and no person.
 */
class RetryBudgetTest extends WorkflowTestSupport {
  private static final DeleteGridRequest DELETE_TARGET =
      new DeleteGridRequest(CLUSTER, TARGET, List.of(TARGET, PINNED), true, CLAIM);
  private static final ServiceSelectorRequest BACK_TO_SOURCE =
      new ServiceSelectorRequest(CLUSTER, "dg", SOURCE_SELECTOR, CLAIM);

  private final AtomicInteger attempts = new AtomicInteger();
  private final CountDownLatch workerKilled = new CountDownLatch(1);

  @AfterEach
  void releaseTheDeadWorker() {
    workerKilled.countDown();
  }

  @Test
  void aShortCallThatKeepsFailingIsTriedFiveTimesThenCompensatedWithItsCause() {
    doAnswer(
            i -> {
              attempts.incrementAndGet();
              throw ApplicationFailure.newFailure(
                  "POST source-connection of cache 'orders' answered 503",
                  FailureTypes.INFINISPAN_SERVER_ERROR);
            })
        .when(data)
        .connectSource(any());
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());

    ApplicationFailure failure = failure(stub);

    // connect-source runs per cache in parallel: each cache's call has its own budget of five.
    assertThat(attempts.get()).isEqualTo(2 * ActivityOptionsProfiles.SHORT_ATTEMPTS);
    assertThat(failure.getType()).isEqualTo(FailureTypes.INFINISPAN_SERVER_ERROR);
    assertThat(failure.getOriginalMessage())
        .contains("connect-source failed: POST source-connection of cache 'orders' answered 503")
        .contains("target " + TARGET + " was removed");
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.message()).contains("answered 503");
    assertThat(step(status, InfinispanSteps.CONNECT_SOURCE).message()).contains("answered 503");
    verify(deploy).deleteGrid(DELETE_TARGET);
    verify(data, never()).syncData(any());
  }

  @Test
  void aLongWaitThatKeepsFailingIsTriedTenTimesThenCompensatedWithItsCause() {
    doAnswer(
            i -> {
              if (i.<SyncRequest>getArgument(0).cache().cache().equals("orders")) {
                attempts.incrementAndGet();
                throw ApplicationFailure.newFailure(
                    "sync-data of cache 'orders': target dg-15-0-21 refused the connection",
                    FailureTypes.GRID_UNREACHABLE);
              }
              return new SyncResult("sessions", 100, 5);
            })
        .when(data)
        .syncData(any());
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());

    ApplicationFailure failure = failure(stub);

    assertThat(attempts.get()).isEqualTo(ActivityOptionsProfiles.LONG_ATTEMPTS);
    assertThat(failure.getType()).isEqualTo(FailureTypes.GRID_UNREACHABLE);
    assertThat(failure.getOriginalMessage())
        .contains("sync-data failed: sync-data of cache 'orders': target dg-15-0-21 refused")
        .contains("target " + TARGET + " was removed");
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.message()).contains("refused the connection");
    // Traffic had moved: it went back to the source before the target was removed.
    verify(kube).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy).deleteGrid(DELETE_TARGET);
  }

  @Test
  void aLongWaitThatKeepsFailingAfterCutoverAsksAPersonWithItsCauseAndStopsRetrying() {
    doAnswer(
            i -> {
              VerifyRequest r = i.getArgument(0);
              if (!r.fullKeyCheck()) {
                return matching(r);
              }
              if (r.cache().cache().equals("orders")) {
                attempts.incrementAndGet();
              }
              throw ApplicationFailure.newFailure(
                  "verify of cache '" + r.cache().cache() + "': Hot Rod read timed out",
                  FailureTypes.GRID_UNREACHABLE);
            })
        .when(data)
        .verify(any());
    InfinispanUpgradeWorkflow stub =
        start(
            Requests.upgrade()
                .allGatesAuto()
                .gate(InfinispanGates.DELETE_SOURCE, GatePolicy.required())
                .build());

    env.sleep(Duration.ofMinutes(20)); // ten attempts' backoff: 5+10+20+40+60 x 5 s
    UpgradeStatus attention = awaitGate(stub, Gatekeeper.RETRY_GATE);

    assertThat(attempts.get()).isEqualTo(ActivityOptionsProfiles.LONG_ATTEMPTS);
    assertThat(attention.phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    assertThat(attention.message())
        .contains("verify-target failed: verify of cache")
        .contains("Hot Rod read timed out")
        .contains("Nothing was rolled back")
        .contains("Approve gate 'retry' to run verify-target again");
    assertThat(step(attention, InfinispanSteps.VERIFY_TARGET).state())
        .isEqualTo(StepState.WAITING_APPROVAL);

    // Nobody answers for hours: the gate reminds, nothing is retried on its own.
    env.sleep(Duration.ofHours(3));
    assertThat(attempts.get()).isEqualTo(ActivityOptionsProfiles.LONG_ATTEMPTS);
    assertThat(stub.status().phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
    verify(deploy, never()).deleteGrid(any());
  }

  /**
   * A worker killed mid-sync stops heartbeating: after the heartbeat timeout the attempt is retried
   * (on the restarted worker), sync-data runs again and the upgrade completes unattended.
   */
  @Test
  void aSyncWhoseWorkerDiesIsRunAgainAfterTheHeartbeatTimeoutWithoutAPerson() {
    doAnswer(
            i -> {
              SyncRequest r = i.getArgument(0);
              if (r.cache().cache().equals("orders")) {
                attempts.incrementAndGet();
                if (Activity.getExecutionContext().getInfo().getAttempt() == 1) {
                  // The "killed" worker: no heartbeat, no answer (released when the test ends).
                  workerKilled.await(2, TimeUnit.MINUTES);
                }
              }
              return new SyncResult(r.cache().cache(), 100, 5);
            })
        .when(data)
        .syncData(any());
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().allGatesAuto().build());

    UpgradeStatus done = result(stub);

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(attempts.get()).isEqualTo(2);
    assertThat(step(done, InfinispanSteps.SYNC_DATA).attempts()).isEqualTo(1);
    assertThat(done.audit())
        .noneMatch(
            e ->
                e.action() == AuditEntry.Action.GATE_OPENED
                    && Gatekeeper.RETRY_GATE.equals(e.gate()));
    verify(kube, never()).setServiceSelector(BACK_TO_SOURCE);
  }
}
