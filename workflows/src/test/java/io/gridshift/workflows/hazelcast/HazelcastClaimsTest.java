package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verifyNoInteractions;

import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.Ownership;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.WorkloadOwner;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * Issue 10: a Hazelcast dry run the preflight refuses fails like an Infinispan one; a workload
 * another upgrade holds is refused naming it; an upgrade claims its workload before rolling and
 * releases it at the end. Issue 16: a workload the Hazelcast Platform Operator owns is refused
 * before any claim, and a take-over completes, audited.
 */
class HazelcastClaimsTest extends HazelcastTestSupport {
  private static final ClaimRequest HZ_CLAIM =
      new ClaimRequest(CLUSTER, CLAIM, List.of(ClaimedObject.of(STS)));

  @Test
  void aDryRunThePreflightRefusesFailsWithEveryViolationAndKeepsThePlan() {
    cluster.setWorkload(statefulSet(Map.of(), 30));
    HazelcastUpgradeWorkflow stub = start(with(request(), false, false, true));

    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);
    assertThat(f.getOriginalMessage())
        .startsWith("preflight refused the upgrade: 2 violations: ")
        .contains("[shutdown-hook-policy]")
        .contains("[graceful-shutdown-max-wait]")
        .endsWith("Nothing was changed in the cluster.");
    UpgradeStatus status = WorkflowStub.fromTyped(stub).query("status", UpgradeStatus.class);
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.details(HazelcastDetails.class).plan()).isNotNull();
    verifyNoInteractions(kube);
  }

  @Test
  void aWorkloadAnotherUpgradeHoldsIsRefusedNamingItEvenInADryRun() {
    HazelcastWorkload safe = statefulSet(SAFE_PROPERTIES, 600);
    cluster.setWorkload(heldBy(safe, "hazelcast-upgrade-test-apps-other"));

    ApplicationFailure f = failure(start(with(request(), false, false, true)));

    assertThat(f.getType()).isEqualTo(FailureTypes.CLAIM_CONFLICT);
    assertThat(f.getOriginalMessage())
        .contains("StatefulSet hz is held by another upgrade, hazelcast-upgrade-test-apps-other")
        .contains("kubectl annotate statefulset hz gridshift.io/upgrade-");
    verifyNoInteractions(kube);
  }

  @Test
  void itsOwnClaimFromAnEarlierRunIsNoObstacle() {
    cluster.setWorkload(heldBy(statefulSet(SAFE_PROPERTIES, 600), CLAIM));

    assertThat(result(start(request())).phase()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void anUpgradeClaimsItsWorkloadBeforeRollingAndReleasesItAtTheEnd() {
    UpgradeStatus done = result(start(request()));

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    InOrder order = inOrder(kube);
    order.verify(kube).claim(HZ_CLAIM);
    order.verify(kube).setPartition(partition(3));
    order.verify(kube).patchPodTemplate(image(NEW_IMAGE));
    order.verify(kube).release(HZ_CLAIM);
  }

  @Test
  void aWorkloadTheOperatorOwnsIsRefusedBeforeAnyClaimUnlessTakenOver() {
    cluster.setWorkload(ownedByTheOperator(statefulSet(SAFE_PROPERTIES, 600)));

    ApplicationFailure f = failure(start(request()));

    assertThat(f.getType()).isEqualTo(FailureTypes.OWNED_BY_ANOTHER_TOOL);
    assertThat(f.getOriginalMessage())
        .contains("StatefulSet apps/hz is managed by the Hazelcast Platform Operator")
        .contains("set spec.version: " + TARGET + " on Hazelcast apps/hz")
        .endsWith("Nothing was changed in the cluster.");
    verifyNoInteractions(kube);
  }

  @Test
  void aTakeOverOfTheOperatorsWorkloadCompletesAndIsAudited() {
    cluster.setWorkload(ownedByTheOperator(statefulSet(SAFE_PROPERTIES, 600)));
    HazelcastUpgradeRequest r = request();
    HazelcastUpgradeRequest takeOver =
        new HazelcastUpgradeRequest(
            r.cluster(),
            r.grid(),
            null,
            r.targetVersion(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "alice",
            null,
            Ownership.TAKE_OVER);

    UpgradeStatus done = result(start(takeOver));

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.audit())
        .filteredOn(e -> e.action() == AuditEntry.Action.TOOK_OVER)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.comment())
                    .startsWith(
                        "alice took StatefulSet apps/hz over from the Hazelcast Platform Operator"));
    assertThat(done.details(HazelcastDetails.class).plan().warnings()).hasSize(1);
  }

  private static HazelcastWorkload ownedByTheOperator(HazelcastWorkload w) {
    return new HazelcastWorkload(
        w.name(),
        w.kind(),
        w.replicas(),
        w.readyReplicas(),
        w.container(),
        w.image(),
        w.version(),
        w.terminationGracePeriodSeconds(),
        w.systemProperties(),
        w.mapBackupCounts(),
        w.strategyType(),
        w.partition(),
        w.maxUnavailable(),
        w.maxSurge(),
        w.configMap(),
        w.claimedBy(),
        new WorkloadOwner(
            WorkloadOwner.Type.OPERATOR,
            "Hazelcast Platform Operator",
            "StatefulSet apps/hz",
            "Hazelcast apps/hz",
            "ownerReference to Hazelcast apps/hz, hazelcast.com/v1alpha1"));
  }

  private static HazelcastWorkload heldBy(HazelcastWorkload w, String holder) {
    return new HazelcastWorkload(
        w.name(),
        w.kind(),
        w.replicas(),
        w.readyReplicas(),
        w.container(),
        w.image(),
        w.version(),
        w.terminationGracePeriodSeconds(),
        w.systemProperties(),
        w.mapBackupCounts(),
        w.strategyType(),
        w.partition(),
        w.maxUnavailable(),
        w.maxSurge(),
        w.configMap(),
        holder);
  }
}
