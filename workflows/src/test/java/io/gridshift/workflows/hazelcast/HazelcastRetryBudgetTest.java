package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.common.ActivityOptionsProfiles;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.gridshift.workflows.testing.WorkflowTime;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Hazelcast's retry budgets, counted, and its answers to a target that cannot run and to a cluster
 * nobody serves: a retryable failure that keeps failing is tried as often as its profile says, then
 * the roll holds and a person is asked at gate resume-or-rollback with the cause; a pod that
 * crash-loops asks at once; an upgrade for a cluster without an agent fails within a minute.
 */
class HazelcastRetryBudgetTest extends HazelcastTestSupport {
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  void aShortCallThatKeepsFailingIsTriedFiveTimesThenAPersonIsAskedWithTheCause() {
    doAnswer(
            i -> {
              attempts.incrementAndGet();
              throw ApplicationFailure.newFailure(
                  "PATCH statefulsets/hz answered 503 Service Unavailable",
                  FailureTypes.KUBERNETES_UNAVAILABLE);
            })
        .when(kube)
        .setPartition(partition(1));
    HazelcastUpgradeWorkflow stub = start(request());

    env.sleep(Duration.ofMinutes(1)); // five attempts' backoff: 1+2+4+8 s
    UpgradeStatus attention = awaitGate(stub, HazelcastGates.RESUME_OR_ROLLBACK);

    assertThat(attempts.get()).isEqualTo(ActivityOptionsProfiles.SHORT_ATTEMPTS);
    assertThat(attention.phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    assertThat(attention.message())
        .contains("roll failed: PATCH statefulsets/hz answered 503 Service Unavailable")
        .contains("keeps partition 2")
        .contains("Approve gate 'resume-or-rollback' to run roll again from its start");
    env.sleep(Duration.ofMinutes(10));
    assertThat(attempts.get()).isEqualTo(ActivityOptionsProfiles.SHORT_ATTEMPTS);
    verify(kube, never()).setPartition(partition(0));
  }

  @Test
  void aLongWaitThatKeepsFailingIsTriedTenTimesThenAPersonIsAskedWithTheCause() {
    doAnswer(
            i -> {
              SafeWaitRequest r = i.getArgument(0);
              if ("hz-1".equals(r.pod())) {
                attempts.incrementAndGet();
                throw ApplicationFailure.newFailure(
                    "StatefulSet apps/hz: cluster not safe after 600 s: hz-1 does not answer",
                    FailureTypes.CLUSTER_NOT_SAFE);
              }
              if (r.pod() != null) {
                podVersions.put(r.pod(), r.version());
              }
              return snapshot();
            })
        .when(hz)
        .waitUntilSafe(any());
    HazelcastUpgradeWorkflow stub = start(request());

    env.sleep(Duration.ofMinutes(20)); // ten attempts' backoff: 5+10+20+40+60 x 5 s
    UpgradeStatus attention = awaitGate(stub, HazelcastGates.RESUME_OR_ROLLBACK);

    assertThat(attempts.get()).isEqualTo(ActivityOptionsProfiles.LONG_ATTEMPTS);
    assertThat(attention.phase()).isEqualTo(Phase.NEEDS_ATTENTION);
    assertThat(attention.message())
        .contains(
            "roll: hz-1 did not become safe: StatefulSet apps/hz: cluster not safe after 600 s")
        .contains("Approve gate 'resume-or-rollback' to wait again, or reject it to roll back");
    assertThat(step(attention, HazelcastSteps.ROLL).state()).isEqualTo(StepState.WAITING_APPROVAL);
    env.sleep(Duration.ofMinutes(10));
    assertThat(attempts.get()).isEqualTo(ActivityOptionsProfiles.LONG_ATTEMPTS);
    verify(kube, never()).setPartition(partition(0));
  }

  /**
   * A target image whose pods crash at start: the wait for the first pod fails at once (the
   * activity's {@code PodCrashLoop} is not retried), the roll holds, and rejecting rolls back.
   */
  @Test
  void aCrashLoopingFirstPodHoldsTheRollAndRejectingRollsBack() {
    doAnswer(
            i -> {
              SafeWaitRequest r = i.getArgument(0);
              if ("hz-2".equals(r.pod()) && TARGET.equals(r.version())) {
                attempts.incrementAndGet();
                throw ApplicationFailure.newNonRetryableFailure(
                    "StatefulSet apps/hz: pod hz-2 crash-loops: container hazelcast restarted 3"
                        + " times; `kubectl logs -n apps hz-2 -c hazelcast --previous`",
                    FailureTypes.POD_CRASH_LOOP);
              }
              if (r.pod() != null) {
                podVersions.put(r.pod(), r.version());
              }
              return snapshot();
            })
        .when(hz)
        .waitUntilSafe(any());
    HazelcastUpgradeWorkflow stub = start(request());

    UpgradeStatus attention = awaitGate(stub, HazelcastGates.RESUME_OR_ROLLBACK);

    assertThat(attempts.get()).isEqualTo(1);
    assertThat(attention.message())
        .contains("hz-2 did not become safe: StatefulSet apps/hz: pod hz-2 crash-loops")
        .contains("--previous")
        .contains("keeps partition 2");
    verify(kube, never()).setPartition(partition(1));

    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, false);
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    assertThat(f.getOriginalMessage()).contains("Rolled back");
    verify(kube).patchPodTemplate(image(OLD_IMAGE));
  }

  @Test
  void aClusterNoWorkerServesFailsWithinAMinuteNamingItsTaskQueue() {
    ClusterRef nowhere = new ClusterRef("nowhere", "apps");
    HazelcastUpgradeWorkflow stub = start(HazelcastUpgradeRequest.of(nowhere, "hz", TARGET));

    ApplicationFailure failure = failure(stub);
    Duration took =
        WorkflowTime.of(client, WorkflowStub.fromTyped(stub).getExecution().getWorkflowId());

    assertThat(failure.getType()).isEqualTo(FailureTypes.NO_AGENT);
    assertThat(failure.getOriginalMessage())
        .contains("no worker serves cluster nowhere")
        .contains("task queue " + nowhere.taskQueue() + " within 45 s")
        .contains("Nothing was changed");
    assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(50));
    System.out.printf("no agent: failed after %d s of workflow time%n", took.toSeconds());
  }
}
