package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.activities.ClaimedObject.Kind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.testing.WorkflowTime;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * Issue 10: an upgrade claims what it will change before changing anything and lets it go when it
 * has completed or put everything back; another upgrade's claim refuses the plan; a cluster no
 * worker serves fails within a minute naming its task queue.
 */
class ClaimsAndAgentsTest extends WorkflowTestSupport {
  private static final List<ClaimedObject> CLAIMED =
      List.of(new ClaimedObject(Kind.STATEFULSET, "dg"), new ClaimedObject(Kind.SERVICE, "dg"));
  private static final List<ClaimedObject> CLAIMED_AND_CREATED =
      List.of(
          new ClaimedObject(Kind.STATEFULSET, "dg"),
          new ClaimedObject(Kind.SERVICE, "dg"),
          new ClaimedObject(Kind.STATEFULSET, TARGET),
          new ClaimedObject(Kind.SERVICE, TARGET),
          new ClaimedObject(Kind.SERVICE, PINNED));

  @Test
  void aCompletedUpgradeClaimsBeforeChangingAnythingAndReleasesAtTheEnd() {
    UpgradeStatus status = result(start(Requests.upgrade().allGatesAuto().build()));

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    InOrder order = inOrder(kube, deploy);
    order.verify(kube).claim(new ClaimRequest(Requests.CLUSTER, CLAIM, CLAIMED));
    order.verify(deploy).deployTarget(any());
    order.verify(deploy).deleteGrid(any());
    order.verify(kube).release(new ClaimRequest(Requests.CLUSTER, CLAIM, CLAIMED_AND_CREATED));
  }

  @Test
  void aCompensatedUpgradeReleasesItsClaims() {
    doThrow(ApplicationFailure.newNonRetryableFailure("no", FailureTypes.DATA_MISMATCH))
        .when(data)
        .syncData(any());

    failure(start(Requests.upgrade().allGatesAuto().build()));

    verify(deploy).deleteGrid(any()); // the target, by the compensation
    verify(kube).release(new ClaimRequest(Requests.CLUSTER, CLAIM, CLAIMED_AND_CREATED));
  }

  @Test
  void aCompensationThatFailsKeepsTheClaimsForAPerson() {
    doThrow(ApplicationFailure.newNonRetryableFailure("no", FailureTypes.DATA_MISMATCH))
        .when(data)
        .syncData(any());
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "StatefulSet apps/dg-15-0-21 is held by another upgrade, x",
                FailureTypes.CLAIM_CONFLICT))
        .when(deploy)
        .deleteGrid(any());

    ApplicationFailure failure = failure(start(Requests.upgrade().allGatesAuto().build()));

    // The Saga swallowed this before: the upgrade said "nothing was lost" although the target,
    // held by another upgrade, was still there.
    assertThat(failure.getOriginalMessage())
        .contains("Compensation did not finish")
        .contains("held by another upgrade, x")
        .doesNotContain("nothing was lost");
    verify(kube, never()).release(any());
  }

  @Test
  void anotherUpgradesClaimRefusesThePlanAndNothingIsDeployed() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "Service apps/dg in cluster test is held by another upgrade, other",
                FailureTypes.CLAIM_CONFLICT))
        .when(kube)
        .claim(any());

    ApplicationFailure failure = failure(start(Requests.upgrade().allGatesAuto().build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.CLAIM_CONFLICT);
    assertThat(failure.getOriginalMessage()).contains("held by another upgrade, other");
    verify(deploy, never()).deployTarget(any());
    verify(kube, never()).setServiceSelector(any());
  }

  @Test
  void aClusterNoWorkerServesFailsWithinAMinuteNamingItsTaskQueue() {
    Requests request = Requests.upgrade();
    request.cluster = new ClusterRef("nowhere", "apps");
    InfinispanUpgradeWorkflow stub = start(request.build());

    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(FailureTypes.NO_AGENT);
    assertThat(failure.getOriginalMessage())
        .contains("no worker serves cluster nowhere")
        .contains("task queue gridshift-cluster-nowhere within 45 s")
        .contains("Nothing was changed");
    UpgradeStatus status = WorkflowStub.fromTyped(stub).query("status", UpgradeStatus.class);
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    Duration took =
        WorkflowTime.of(client, WorkflowStub.fromTyped(stub).getExecution().getWorkflowId());
    assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(50));
  }
}
