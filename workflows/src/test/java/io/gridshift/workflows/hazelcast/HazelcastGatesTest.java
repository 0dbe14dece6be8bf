package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.AuditEntry.Action;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The Gatekeeper on the Hazelcast workflow: four-eyes on the canary gate, the canary gate's expiry
 * under the default policy, and pause and abort between pods.
 */
class HazelcastGatesTest extends HazelcastTestSupport {
  private final CountDownLatch waiting = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseHeldWait() {
    release.countDown();
  }

  /** A canary upgrade requested by alice with four-eyes on. */
  private static HazelcastUpgradeRequest canaryWithFourEyes() {
    return new HazelcastUpgradeRequest(
        CLUSTER, "hz", null, TARGET, null, null, null, null, null, true, null, null, true, "alice",
        null);
  }

  /** Holds the wait for {@code pod} on the target version until {@link #release}. */
  private void holdWaitFor(String pod) {
    doAnswer(
            i -> {
              SafeWaitRequest r = i.getArgument(0);
              if (pod.equals(r.pod()) && TARGET.equals(r.version())) {
                waiting.countDown();
                assertThat(release.await(15, TimeUnit.SECONDS)).isTrue();
              }
              if (r.pod() != null) {
                podVersions.put(r.pod(), r.version());
              }
              return snapshot();
            })
        .when(hz)
        .waitUntilSafe(any());
  }

  /** Starts an upgrade and pauses it while {@code pod} is being waited for. */
  private HazelcastUpgradeWorkflow pausedAfter(String pod) throws InterruptedException {
    holdWaitFor(pod);
    HazelcastUpgradeWorkflow stub = start(request());
    assertThat(waiting.await(15, TimeUnit.SECONDS)).isTrue();
    stub.pause(new OperatorAction("ops", "change freeze"));
    awaitStatus(stub, "pause recorded", UpgradeStatus::paused);
    release.countDown();
    return stub;
  }

  private static List<AuditEntry> refusals(UpgradeStatus status) {
    return status.audit().stream().filter(e -> e.action() == Action.REFUSED).toList();
  }

  @Test
  void fourEyesRefusesTheRequesterOnTheCanaryGateByUpdateAndBySignal() {
    HazelcastUpgradeWorkflow stub = start(canaryWithFourEyes());
    UpgradeStatus atCanary = awaitGate(stub, HazelcastGates.CANARY);
    assertThat(atCanary.openGate().fourEyes()).isTrue();
    assertThat(atCanary.openGate().requestedBy()).isEqualTo("alice");

    WorkflowUpdateException update =
        catchThrowableOfType(
            WorkflowUpdateException.class,
            () -> stub.approve(new GateDecision(HazelcastGates.CANARY, "alice", "looks fine")));
    stub.approveSignal(new GateDecision(HazelcastGates.CANARY, " Alice ", "fine by me"));
    UpgradeStatus refused = awaitStatus(stub, "refused signal", s -> !refusals(s).isEmpty());

    String reason =
        "four-eyes is on: alice requested this upgrade and cannot approve gate 'canary'; ask"
            + " another person to approve";
    assertThat(update).as("the update should have been refused").isNotNull();
    StringBuilder messages = new StringBuilder();
    for (Throwable t = update; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" | ");
    }
    assertThat(messages.toString()).contains(reason);
    assertThat(refusals(refused))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.gate()).isEqualTo(HazelcastGates.CANARY);
              assertThat(e.by()).isEqualTo(" Alice ");
              assertThat(e.comment()).isEqualTo("fine by me");
              assertThat(e.reason()).isEqualTo(reason);
            });
    // Neither refusal was acted on: the gate still waits and hz-1 was not released.
    assertThat(refused.audit()).noneMatch(e -> e.action() == Action.APPROVED);
    assertThat(refused.openGate().name()).isEqualTo(HazelcastGates.CANARY);
    assertThat(refused.phase()).isEqualTo(Phase.WAITING_APPROVAL);
    assertThat(step(refused, HazelcastSteps.GATE_CANARY).state())
        .isEqualTo(StepState.WAITING_APPROVAL);
    verify(kube, never()).setPartition(partition(1));

    // Another person may approve; the roll goes on from hz-1.
    stub.approve(new GateDecision(HazelcastGates.CANARY, "bob", "checked hz-2"));
    UpgradeStatus done = result(stub);
    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.audit())
        .filteredOn(e -> e.action() == Action.APPROVED)
        .extracting(AuditEntry::gate, AuditEntry::by)
        .containsExactly(Tuple.tuple(HazelcastGates.CANARY, "bob"));
    InOrder order = inOrder(kube, hz);
    order.verify(hz).waitUntilSafe(waitFor("hz-2", TARGET));
    order.verify(kube).setPartition(partition(1));
    order.verify(kube).setPartition(partition(0));
  }

  @Test
  void canaryGateExpiryUnderTheDefaultPolicyStopsWithoutRollingBack() {
    HazelcastUpgradeWorkflow stub = start(with(request(), true, false, false));
    OpenGate open = awaitGate(stub, HazelcastGates.CANARY).openGate();

    // The default policy: 24h, then ABORT.
    assertThat(open.onTimeout()).isEqualTo(GatePolicy.TimeoutAction.ABORT);
    assertThat(Duration.between(Instant.parse(open.openedAt()), Instant.parse(open.deadline())))
        .isEqualTo(Duration.ofHours(24));
    env.sleep(Duration.ofHours(23));
    assertThat(stub.status().openGate()).isNotNull();
    env.sleep(Duration.ofHours(2));
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.GATE_EXPIRED);
    assertThat(f.getOriginalMessage())
        .isEqualTo(
            "gate 'canary' expired: no decision by "
                + open.deadline()
                + "; onTimeout ABORT: the upgrade stops. Nothing was rolled back: StatefulSet"
                + " apps/hz keeps partition 2 with image "
                + NEW_IMAGE
                + " in its template (pods with that ordinal and above take it); members now:"
                + " hz-0 5.3.6, hz-1 5.3.6, hz-2 5.3.8.");
    // The canary stays on the new version, the others on the old: no rollback, no further pod.
    verify(kube, never()).patchPodTemplate(image(OLD_IMAGE));
    verify(kube, never()).setPartition(partition(1));
    verify(kube, times(1)).setPartition(partition(3));
    verify(hz, times(1)).waitUntilSafe(any());
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(status.message()).isEqualTo(f.getOriginalMessage());
    assertThat(status.openGate()).isNull();
    assertThat(step(status, HazelcastSteps.GATE_CANARY).state()).isEqualTo(StepState.FAILED);
    assertThat(step(status, HazelcastSteps.ROLL).state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(status, HazelcastSteps.ROLLBACK).state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(status, HazelcastSteps.ROLLBACK).message())
        .isEqualTo("not run: the upgrade ended (GateExpired)");
    assertThat(status.audit())
        .filteredOn(e -> HazelcastGates.CANARY.equals(e.gate()))
        .extracting(AuditEntry::action, AuditEntry::by)
        .containsExactly(
            Tuple.tuple(Action.GATE_OPENED, "gridshift"), Tuple.tuple(Action.EXPIRED, "gridshift"));
    assertThat(status.details(HazelcastDetails.class).members())
        .extracting(m -> m.pod(), m -> m.version(), m -> m.state())
        .containsExactlyInAnyOrder(
            Tuple.tuple("hz-0", FROM, "PENDING"),
            Tuple.tuple("hz-1", FROM, "PENDING"),
            Tuple.tuple("hz-2", TARGET, "UPDATED"));
  }

  @Test
  void pauseAfterTheFirstPodHoldsTheRollUntilResumed() throws Exception {
    HazelcastUpgradeWorkflow stub = pausedAfter("hz-2");

    UpgradeStatus paused = awaitStatus(stub, "phase PAUSED", s -> s.phase() == Phase.PAUSED);
    assertThat(step(paused, HazelcastSteps.ROLL_FIRST_POD).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(paused, HazelcastSteps.ROLL).state()).isEqualTo(StepState.PENDING);
    env.sleep(Duration.ofHours(2));
    assertThat(stub.status().phase()).isEqualTo(Phase.PAUSED);
    verify(kube, times(1)).setPartition(partition(2));
    verify(kube, never()).setPartition(partition(1));
    verify(kube, never()).setPartition(partition(0));

    stub.resume(new OperatorAction("ops", "freeze over"));
    UpgradeStatus done = result(stub);

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.paused()).isFalse();
    InOrder order = inOrder(kube, hz);
    order.verify(hz).waitUntilSafe(waitFor("hz-2", TARGET));
    order.verify(kube).setPartition(partition(1));
    order.verify(hz).waitUntilSafe(waitFor("hz-1", TARGET));
    order.verify(kube).setPartition(partition(0));
    assertThat(done.audit())
        .filteredOn(e -> e.gate() == null)
        .extracting(AuditEntry::action, AuditEntry::by, AuditEntry::comment)
        .containsExactly(
            Tuple.tuple(Action.PAUSED, "ops", "change freeze"),
            Tuple.tuple(Action.RESUMED, "ops", "freeze over"));
  }

  @Test
  void pauseBetweenPodsOfTheRollHoldsTheNextPartition() throws Exception {
    HazelcastUpgradeWorkflow stub = pausedAfter("hz-1");

    UpgradeStatus paused = awaitStatus(stub, "phase PAUSED", s -> s.phase() == Phase.PAUSED);
    assertThat(step(paused, HazelcastSteps.ROLL).message())
        .isEqualTo("hz-1 runs 5.3.8; the cluster is safe");
    env.sleep(Duration.ofHours(2));
    assertThat(stub.status().phase()).isEqualTo(Phase.PAUSED);
    verify(kube, times(1)).setPartition(partition(1));
    verify(kube, never()).setPartition(partition(0));
    verify(hz, never()).waitUntilSafe(waitFor("hz-0", TARGET));

    stub.resume(new OperatorAction("ops", "freeze over"));
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    InOrder order = inOrder(kube, hz);
    order.verify(hz).waitUntilSafe(waitFor("hz-1", TARGET));
    order.verify(kube).setPartition(partition(0));
    order.verify(hz).waitUntilSafe(waitFor("hz-0", TARGET));
  }

  @Test
  void abortWhilePausedAfterTheFirstPodStopsWhereTheRollStands() throws Exception {
    HazelcastUpgradeWorkflow stub = pausedAfter("hz-2");
    awaitStatus(stub, "phase PAUSED", s -> s.phase() == Phase.PAUSED);

    stub.abort(new OperatorAction("carol", "wrong window"));
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.ABORTED);
    assertThat(f.getOriginalMessage())
        .isEqualTo(
            "aborted by carol: wrong window. Nothing was rolled back: StatefulSet apps/hz keeps"
                + " partition 2 with image "
                + NEW_IMAGE
                + " in its template (pods with that ordinal and above take it); members now:"
                + " hz-0 5.3.6, hz-1 5.3.6, hz-2 5.3.8.");
    verify(kube, never()).setPartition(partition(1));
    verify(kube, never()).patchPodTemplate(image(OLD_IMAGE));
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(step(status, HazelcastSteps.ROLL_FIRST_POD).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(status, HazelcastSteps.ROLL).state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(status, HazelcastSteps.ROLLBACK).state()).isEqualTo(StepState.SKIPPED);
    assertThat(status.audit())
        .extracting(AuditEntry::action, AuditEntry::by)
        .contains(Tuple.tuple(Action.ABORT_REQUESTED, "carol"));
  }

  @Test
  void abortWhileAPodIsWaitedForStopsBeforeTheNextPartition() throws Exception {
    holdWaitFor("hz-1");
    HazelcastUpgradeWorkflow stub = start(request());
    assertThat(waiting.await(15, TimeUnit.SECONDS)).isTrue();

    stub.abort(new OperatorAction("carol", "wrong window"));
    awaitStatus(
        stub,
        "abort recorded",
        s -> s.audit().stream().anyMatch(e -> e.action() == Action.ABORT_REQUESTED));
    // The wait for hz-1 comes back (the pod made it); hz-0 must not be released after it.
    release.countDown();
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.ABORTED);
    assertThat(f.getOriginalMessage())
        .isEqualTo(
            "aborted by carol: wrong window. Nothing was rolled back: StatefulSet apps/hz keeps"
                + " partition 1 with image "
                + NEW_IMAGE
                + " in its template (pods with that ordinal and above take it); members now:"
                + " hz-0 5.3.6, hz-1 5.3.8, hz-2 5.3.8.");
    verify(kube, never()).setPartition(partition(0));
    verify(hz, never()).waitUntilSafe(waitFor("hz-0", TARGET));
    verify(kube, never()).patchPodTemplate(image(OLD_IMAGE));
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(step(status, HazelcastSteps.ROLL).state()).isEqualTo(StepState.FAILED);
    assertThat(step(status, HazelcastSteps.ROLL).message())
        .isEqualTo("aborted by carol: wrong window");
  }

  @Test
  void abortBetweenPodsOfTheRollStopsBeforeTheNextPartition() throws Exception {
    HazelcastUpgradeWorkflow stub = pausedAfter("hz-1");
    awaitStatus(stub, "phase PAUSED", s -> s.phase() == Phase.PAUSED);

    stub.abort(new OperatorAction("carol", "wrong window"));
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.ABORTED);
    assertThat(f.getOriginalMessage())
        .isEqualTo(
            "aborted by carol: wrong window. Nothing was rolled back: StatefulSet apps/hz keeps"
                + " partition 1 with image "
                + NEW_IMAGE
                + " in its template (pods with that ordinal and above take it); members now:"
                + " hz-0 5.3.6, hz-1 5.3.8, hz-2 5.3.8.");
    verify(kube, never()).setPartition(partition(0));
    verify(kube, never()).patchPodTemplate(image(OLD_IMAGE));
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(step(status, HazelcastSteps.ROLL).state()).isEqualTo(StepState.FAILED);
    assertThat(step(status, HazelcastSteps.ROLL).message())
        .isEqualTo("aborted by carol: wrong window");
  }
}
