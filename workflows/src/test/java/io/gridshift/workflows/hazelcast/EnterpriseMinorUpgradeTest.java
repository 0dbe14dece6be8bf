package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * An Enterprise minor upgrade (5.3.6 -> 5.4.1 with cluster version auto-upgrade): verify expects
 * the cluster version to follow the members to 5.4, and re-reads it until it does or gives up.
 */
class EnterpriseMinorUpgradeTest extends HazelcastTestSupport {
  static final String MINOR = "5.4.1";
  static final String MINOR_IMAGE = "hazelcast/hazelcast:" + MINOR;

  /** Snapshots read once every member runs {@link #MINOR}. */
  private final AtomicInteger readsOnTarget = new AtomicInteger();

  /** The read (counted from the first with every member on 5.4.1) that first shows 5.4. */
  private volatile int clusterVersionFollowsAtRead;

  @BeforeEach
  void enterpriseCluster() {
    Map<String, String> properties = new HashMap<>(SAFE_PROPERTIES);
    properties.put(HazelcastVersionRules.AUTO_UPGRADE_PROPERTY, "true");
    cluster.setWorkload(
        new HazelcastWorkload(
            "hz",
            WorkloadKind.STATEFULSET,
            3,
            3,
            "hazelcast",
            OLD_IMAGE,
            FROM,
            600,
            properties,
            Map.of("default", 1),
            "RollingUpdate",
            0,
            null,
            null,
            "hz-config",
            null));
    // The cluster version stays 5.3 until every member runs 5.4.1, then follows after a while.
    doAnswer(
            i -> {
              ClusterSnapshot members = snapshot();
              String clusterVersion = "5.3";
              if (podVersions.values().stream().allMatch(MINOR::equals)
                  && readsOnTarget.incrementAndGet() >= clusterVersionFollowsAtRead) {
                clusterVersion = "5.4";
              }
              return new ClusterSnapshot(members.members(), clusterVersion);
            })
        .when(hz)
        .snapshot(any());
  }

  private static HazelcastUpgradeRequest enterprise() {
    return new HazelcastUpgradeRequest(
        CLUSTER,
        "hz",
        null,
        MINOR,
        null,
        null,
        null,
        HazelcastEdition.ENTERPRISE,
        null,
        null,
        null,
        null,
        null,
        "alice",
        null);
  }

  private static Duration took(StepStatus step) {
    return Duration.between(Instant.parse(step.startedAt()), Instant.parse(step.endedAt()));
  }

  @Test
  void verifyWaitsUntilTheClusterVersionFollowsTheMembers() {
    clusterVersionFollowsAtRead = 3;

    UpgradeStatus done = result(start(enterprise()));

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    // status().plan() reaches the client as JSON: a map of the HazelcastPlan's fields.
    assertThat(done.details(HazelcastDetails.class).plan())
        .extracting("clusterVersionBefore", "expectedClusterVersion")
        .containsExactly("5.3", "5.4");
    // Two reads still showed 5.3; verify read again (5 s apart) and stopped at the first 5.4.
    assertThat(readsOnTarget).hasValue(3);
    InOrder order = inOrder(kube, hz);
    order.verify(kube).patchPodTemplate(image(MINOR_IMAGE));
    order.verify(kube).setPartition(partition(0));
    order.verify(hz).waitUntilSafe(waitFor("hz-0", MINOR));
    order.verify(hz, times(3)).snapshot(ENDPOINT);
    order.verify(hz).mapSizes(ENDPOINT);
    verify(hz, times(4)).snapshot(ENDPOINT);
    StepStatus verifyStep = step(done, HazelcastSteps.VERIFY);
    assertThat(verifyStep.state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(verifyStep.message())
        .isEqualTo("3 members on 5.4.1, cluster version 5.4, 2 maps with every entry");
    assertThat(took(verifyStep)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
    assertThat(done.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::pod, MemberStatus::version, MemberStatus::state)
        .containsExactlyInAnyOrder(
            Tuple.tuple("hz-0", MINOR, "UPDATED"),
            Tuple.tuple("hz-1", MINOR, "UPDATED"),
            Tuple.tuple("hz-2", MINOR, "UPDATED"));
  }

  @Test
  void clusterVersionThatNeverFollowsFailsVerifyNamingBothVersions() {
    clusterVersionFollowsAtRead = Integer.MAX_VALUE;

    HazelcastUpgradeWorkflow stub = start(enterprise());
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(HazelcastVerifier.VERIFICATION_FAILED);
    assertThat(f.getOriginalMessage())
        .isEqualTo(
            "verify expected cluster version 5.4 and found 5.3; with"
                + " hazelcast.cluster.version.auto.upgrade.enabled=true it follows once every"
                + " member runs 5.4.1, else change it through the management REST API or"
                + " Management Center. Nothing was rolled back: StatefulSet apps/hz keeps"
                + " partition 0 with image hazelcast/hazelcast:5.4.1 in its template (pods with"
                + " that ordinal and above take it); members now: hz-0 5.4.1, hz-1 5.4.1, hz-2"
                + " 5.4.1.");
    // Twelve reads, 5 s apart, then it gives up; the entry counts are not read after the roll.
    assertThat(readsOnTarget).hasValue(12);
    verify(hz, times(1)).mapSizes(any());
    verify(kube, never()).patchPodTemplate(image(OLD_IMAGE));
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.message()).isEqualTo(f.getOriginalMessage());
    assertThat(status.openGate()).isNull();
    StepStatus verifyStep = step(status, HazelcastSteps.VERIFY);
    assertThat(verifyStep.state()).isEqualTo(StepState.FAILED);
    assertThat(verifyStep.message())
        .startsWith("verify expected cluster version 5.4 and found 5.3;");
    assertThat(took(verifyStep)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(56));
    assertThat(step(status, HazelcastSteps.ROLLBACK).state()).isEqualTo(StepState.SKIPPED);
  }
}
