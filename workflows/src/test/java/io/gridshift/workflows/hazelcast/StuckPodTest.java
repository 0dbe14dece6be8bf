package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** A pod that does not come back safe, and the canary: a person resumes or rolls back. */
class StuckPodTest extends HazelcastTestSupport {
  private final AtomicBoolean stuck = new AtomicBoolean(true);

  @Test
  void aPodThatNeverBecomesSafeStopsTheRollAndOpensTheGate() {
    stuck("hz-1", TARGET, stuck);
    HazelcastUpgradeWorkflow stub = start(request());

    UpgradeStatus attention = awaitGate(stub, HazelcastGates.RESUME_OR_ROLLBACK);

    assertThat(attention.phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    assertThat(step(attention, HazelcastSteps.ROLL).state()).isEqualTo(StepState.WAITING_APPROVAL);
    assertThat(attention.message())
        .contains("roll: hz-1 did not become safe: hz-1 not Ready after 600 s")
        .contains("StatefulSet apps/hz keeps partition 1 with image " + NEW_IMAGE)
        .contains("Approve gate 'resume-or-rollback' to wait again, or reject it to roll back");
    assertThat(attention.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::pod, MemberStatus::state)
        .contains(Tuple.tuple("hz-2", "UPDATED"), Tuple.tuple("hz-1", "ROLLING"));
    verify(kube, never()).setPartition(partition(0));
    verify(hz, never()).waitUntilSafe(waitFor("hz-0", TARGET));
    verify(kube, never()).patchPodTemplate(image(OLD_IMAGE));
  }

  @Test
  void approvalResumesWaitingForTheSamePod() {
    stuck("hz-1", TARGET, stuck);
    HazelcastUpgradeWorkflow stub = start(request());
    awaitGate(stub, HazelcastGates.RESUME_OR_ROLLBACK);

    stuck.set(false);
    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, true);
    UpgradeStatus done = result(stub);

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    verify(hz, times(2)).waitUntilSafe(waitFor("hz-1", TARGET));
    InOrder order = inOrder(kube, hz);
    order.verify(hz, times(2)).waitUntilSafe(waitFor("hz-1", TARGET));
    order.verify(kube).setPartition(partition(0));
    order.verify(hz).waitUntilSafe(waitFor("hz-0", TARGET));
    verify(kube, never()).patchPodTemplate(image(OLD_IMAGE));
    assertThat(step(done, HazelcastSteps.ROLL).attempts()).isEqualTo(2);
  }

  @Test
  void rejectionRollsBackOnePodAtATime() {
    stuck("hz-1", TARGET, stuck);
    // hz-1 never became Ready on the new image: only deleting it lets the controller go on.
    doReturn(List.of("hz-1")).when(kube).deleteStuckPods(STS, CLAIM);
    HazelcastUpgradeWorkflow stub = start(request());

    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, false);
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    assertThat(f.getOriginalMessage())
        .contains("gate 'resume-or-rollback' rejected by bob: roll it back")
        .contains("Rolled back: every member runs 5.3.6 again");
    InOrder order = inOrder(kube, hz);
    order.verify(kube).setPartition(partition(1));
    order.verify(hz).waitUntilSafe(waitFor("hz-1", TARGET));
    order.verify(kube).setPartition(partition(3));
    order.verify(kube).patchPodTemplate(image(OLD_IMAGE));
    order.verify(kube).deleteStuckPods(STS, CLAIM);
    order.verify(kube).setPartition(partition(2));
    order.verify(hz).waitUntilSafe(waitFor("hz-2", FROM));
    order.verify(kube).setPartition(partition(1));
    order.verify(hz).waitUntilSafe(waitFor("hz-1", FROM));
    order.verify(kube).setPartition(partition(0));
    order.verify(hz).waitUntilSafe(waitFor("hz-0", FROM));
    verify(hz, never()).waitUntilSafe(waitFor("hz-0", TARGET));
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(step(status, HazelcastSteps.ROLLBACK).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(status, HazelcastSteps.VERIFY).state()).isEqualTo(StepState.SKIPPED);
    assertThat(status.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::pod, MemberStatus::version, MemberStatus::state)
        .containsExactlyInAnyOrder(
            Tuple.tuple("hz-0", FROM, "PENDING"),
            Tuple.tuple("hz-1", FROM, "ROLLED_BACK"),
            Tuple.tuple("hz-2", FROM, "ROLLED_BACK"));
  }

  /**
   * A pod that does not get safe during the rollback, and a person who rejects waiting for it: the
   * roll halts where it stands with its own failure type, not the activity's one-wait timeout
   * {@code ClusterNotSafe}, and no pod moves after that.
   */
  @Test
  void rejectingAStuckRollbackHaltsTheRollWithItsOwnType() {
    doAnswer(
            i -> {
              SafeWaitRequest r = i.getArgument(0);
              if (("hz-1".equals(r.pod()) && TARGET.equals(r.version()))
                  || ("hz-2".equals(r.pod()) && FROM.equals(r.version()))) {
                // Non-retryable here: the retries a real wait gets would only slow the test.
                throw ApplicationFailure.newNonRetryableFailure(
                    r.pod() + " not safe after 600 s", FailureTypes.CLUSTER_NOT_SAFE);
              }
              if (r.pod() != null) {
                podVersions.put(r.pod(), r.version());
              }
              return snapshot();
            })
        .when(hz)
        .waitUntilSafe(any());
    HazelcastUpgradeWorkflow stub = start(request());
    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, false);
    UpgradeStatus again =
        awaitStatus(
            stub,
            "the rollback's gate",
            st ->
                st.openGate() != null
                    && step(st, HazelcastSteps.ROLLBACK).state() == StepState.WAITING_APPROVAL);
    assertThat(again.message()).contains("hz-2 did not become safe").contains("stop here");
    stub.reject(new GateDecision(HazelcastGates.RESUME_OR_ROLLBACK, "bob", "leave it"));

    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(FailureTypes.ROLL_HALTED);
    assertThat(f.getOriginalMessage()).contains("rejected by bob: leave it");
    assertThat(stub.status().phase()).isEqualTo(Phase.FAILED);
    verify(kube, times(1)).setPartition(partition(1)); // the upgrade's, not the rollback's
    verify(hz, never()).waitUntilSafe(waitFor("hz-1", FROM));
  }

  @Test
  void aRollStepThatFailsOtherwiseAsksAPersonAndApprovalRunsItAgain() {
    // The Kubernetes API refuses partition 1 until someone fixes it (e.g. an admission webhook).
    AtomicBoolean refusing = new AtomicBoolean(true);
    doAnswer(
            i -> {
              if (refusing.get()) {
                throw ApplicationFailure.newNonRetryableFailure(
                    "admission webhook denied the request", "KubernetesError");
              }
              return null;
            })
        .when(kube)
        .setPartition(partition(1));
    HazelcastUpgradeWorkflow stub = start(request());

    UpgradeStatus attention = awaitGate(stub, HazelcastGates.RESUME_OR_ROLLBACK);
    assertThat(attention.phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    assertThat(attention.message())
        .contains("roll failed: admission webhook denied the request")
        .contains("keeps partition 2")
        .contains("Approve gate 'resume-or-rollback' to run roll again from its start");
    verify(kube, never()).setPartition(partition(0));

    refusing.set(false);
    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, true);
    UpgradeStatus done = result(stub);

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    InOrder order = inOrder(kube, hz);
    order.verify(kube, times(2)).setPartition(partition(1));
    order.verify(hz).waitUntilSafe(waitFor("hz-1", TARGET));
    order.verify(kube).setPartition(partition(0));
    assertThat(step(done, HazelcastSteps.ROLL).attempts()).isEqualTo(2);
  }

  @Test
  void rejectingAFailedRollStepRollsBack() {
    doThrow(ApplicationFailure.newNonRetryableFailure("API down", "KubernetesError"))
        .doNothing() // the API is back for the rollback
        .when(kube)
        .setPartition(partition(1));
    HazelcastUpgradeWorkflow stub = start(request());

    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, false);
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    assertThat(f.getOriginalMessage()).contains("Rolled back: every member runs 5.3.6 again");
    InOrder order = inOrder(kube, hz);
    order.verify(kube).setPartition(partition(3));
    order.verify(kube).patchPodTemplate(image(OLD_IMAGE));
    order.verify(kube).setPartition(partition(2));
    order.verify(hz).waitUntilSafe(waitFor("hz-2", FROM));
  }

  @Test
  void aDeploymentThatDoesNotGetSafeIsPausedUntilAPersonResumesIt() {
    deploymentWorkload();
    AtomicInteger waits = new AtomicInteger();
    doAnswer(
            i -> {
              if (waits.incrementAndGet() == 1) {
                throw ApplicationFailure.newNonRetryableFailure("hz-x not Ready", "NotReady");
              }
              podVersions.replaceAll((pod, v) -> TARGET);
              return snapshot();
            })
        .when(hz)
        .waitUntilSafe(any());
    HazelcastUpgradeWorkflow stub = start(deployment(request()));

    UpgradeStatus attention = awaitGate(stub, HazelcastGates.RESUME_OR_ROLLBACK);
    assertThat(attention.message())
        .contains("Deployment apps/hz is paused (spec.paused, no further pod is replaced)");
    verify(kube).setRolloutPaused(DEPLOYMENT, true, CLAIM);
    verify(kube, never()).setRolloutPaused(DEPLOYMENT, false, CLAIM);

    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, true);
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    InOrder order = inOrder(kube, hz);
    order.verify(kube).setRolloutPaused(DEPLOYMENT, true, CLAIM);
    order.verify(kube).setRolloutPaused(DEPLOYMENT, false, CLAIM);
    order.verify(hz).waitUntilSafe(any());
  }

  @Test
  void rejectingAPausedDeploymentRollsTheImageBackAndLetsItMove() {
    deploymentWorkload();
    doThrow(ApplicationFailure.newNonRetryableFailure("hz-x not Ready", "NotReady"))
        .doAnswer(i -> snapshot())
        .when(hz)
        .waitUntilSafe(any());
    HazelcastUpgradeWorkflow stub = start(deployment(request()));

    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, false);
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    InOrder order = inOrder(kube, hz);
    order.verify(kube).setRolloutPaused(DEPLOYMENT, true, CLAIM);
    order.verify(kube).patchPodTemplate(deploymentImage(OLD_IMAGE));
    order.verify(kube).setRolloutPaused(DEPLOYMENT, false, CLAIM);
    order.verify(hz).waitUntilSafe(any());
  }

  private void deploymentWorkload() {
    cluster.setWorkload(
        new HazelcastWorkload(
            "hz",
            WorkloadKind.DEPLOYMENT,
            3,
            3,
            "hazelcast",
            OLD_IMAGE,
            FROM,
            600,
            SAFE_PROPERTIES,
            Map.of(),
            "RollingUpdate",
            0,
            1,
            0,
            null,
            null));
  }

  private static PodTemplatePatch deploymentImage(String image) {
    return new PodTemplatePatch(DEPLOYMENT, "hazelcast", image, Map.of(), CLAIM);
  }

  @Test
  void canaryGateWaitsAfterTheFirstPodAndApprovalRollsTheRest() {
    HazelcastUpgradeWorkflow stub = start(with(request(), true, false, false));

    UpgradeStatus waiting = awaitGate(stub, HazelcastGates.CANARY);

    assertThat(waiting.phase()).isEqualTo(Phase.WAITING_APPROVAL);
    assertThat(step(waiting, HazelcastSteps.GATE_CANARY).message())
        .contains("hz-2 runs 5.3.8 and the cluster is safe");
    verify(hz).waitUntilSafe(waitFor("hz-2", TARGET));
    verify(kube, never()).setPartition(partition(1));

    decide(stub, HazelcastGates.CANARY, true);
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    verify(hz).waitUntilSafe(waitFor("hz-0", TARGET));
  }

  @Test
  void rejectedCanaryRollsTheFirstPodBack() {
    HazelcastUpgradeWorkflow stub = start(with(request(), true, false, false));

    decide(stub, HazelcastGates.CANARY, false);
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    assertThat(f.getOriginalMessage())
        .contains("gate 'canary' was rejected by bob")
        .contains("Rolled back");
    InOrder order = inOrder(kube, hz);
    order.verify(hz).waitUntilSafe(waitFor("hz-2", TARGET));
    order.verify(kube).setPartition(partition(3));
    order.verify(kube).patchPodTemplate(image(OLD_IMAGE));
    order.verify(kube).setPartition(partition(2));
    order.verify(hz).waitUntilSafe(waitFor("hz-2", FROM));
    verify(hz, never()).waitUntilSafe(waitFor("hz-1", TARGET));
    assertThat(step(stub.status(), HazelcastSteps.ROLL).state()).isEqualTo(StepState.SKIPPED);
  }
}
