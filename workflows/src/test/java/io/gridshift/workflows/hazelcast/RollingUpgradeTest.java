package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.MapProgress;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The happy paths, the refusals and the verification of a Hazelcast rolling upgrade. */
class RollingUpgradeTest extends HazelcastTestSupport {

  @Test
  void holdsThenReleasesOnePodAtATimeFromTheHighestOrdinal() {
    UpgradeStatus done = result(start(request()));

    InOrder order = inOrder(kube, hz);
    order.verify(hz).mapSizes(ENDPOINT);
    order.verify(kube).setPartition(partition(3));
    order.verify(kube).patchPodTemplate(image(NEW_IMAGE));
    order.verify(kube).setPartition(partition(2));
    order.verify(hz).waitUntilSafe(waitFor("hz-2", TARGET));
    order.verify(kube).setPartition(partition(1));
    order.verify(hz).waitUntilSafe(waitFor("hz-1", TARGET));
    order.verify(kube).setPartition(partition(0));
    order.verify(hz).waitUntilSafe(waitFor("hz-0", TARGET));
    order.verify(hz).snapshot(ENDPOINT);
    order.verify(hz).mapSizes(ENDPOINT);
    verify(hz, never()).applySafeSettings(any(), anyString(), anyInt(), any());
    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.kind()).isEqualTo("hazelcast");
    assertThat(done.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::pod, MemberStatus::version, MemberStatus::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("hz-0", TARGET, "UPDATED"),
            org.assertj.core.groups.Tuple.tuple("hz-1", TARGET, "UPDATED"),
            org.assertj.core.groups.Tuple.tuple("hz-2", TARGET, "UPDATED"));
    assertThat(done.details(HazelcastDetails.class).maps())
        .containsExactlyInAnyOrder(
            new MapProgress("orders", 1000, 1000L), new MapProgress("sessions", 500, 500L));
    assertThat(step(done, HazelcastSteps.GATE_CANARY).state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(done, HazelcastSteps.ROLLBACK).state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(done, HazelcastSteps.VERIFY).state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void dryRunOnlyReads() {
    UpgradeStatus planned = result(start(with(request(), false, false, true)));

    assertThat(planned.phase()).isEqualTo(Phase.PLANNED);
    assertThat(planned.message())
        .startsWith("dry run: StatefulSet hz: 3 members 5.3.6 -> 5.3.8")
        .contains("preflight passed");
    assertThat(planned.details(HazelcastDetails.class).plan()).isNotNull();
    verify(hz).inspect(STS);
    verify(hz).snapshot(ENDPOINT);
    verifyNoMoreInteractions(hz);
    verifyNoInteractions(kube);
  }

  @Test
  void preflightRefusesWithEveryViolationAndChangesNothing() {
    cluster.setWorkload(statefulSet(Map.of(), 30));

    ApplicationFailure f = failure(start(request()));

    assertThat(f.getType()).isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);
    assertThat(f.getOriginalMessage())
        .startsWith("preflight refused the upgrade: 2 violations: ")
        .contains(
            "[shutdown-hook-policy] StatefulSet apps/hz: hazelcast.shutdownhook.policy is not set,"
                + " so a member stops on SIGTERM (TERMINATE) without handing over its partitions;"
                + " add -Dhazelcast.shutdownhook.policy=GRACEFUL to JAVA_OPTS of container"
                + " hazelcast")
        .contains(
            "[graceful-shutdown-max-wait] StatefulSet apps/hz: hazelcast.graceful.shutdown.max.wait"
                + " is not set; add -Dhazelcast.graceful.shutdown.max.wait=<seconds> to JAVA_OPTS"
                + " of container hazelcast, at most terminationGracePeriodSeconds 30")
        .endsWith("Nothing was changed in the cluster.");
    verifyNoInteractions(kube);
    verify(hz, never()).applySafeSettings(any(), anyString(), anyInt(), any());
    verify(hz, never()).waitUntilSafe(any());
  }

  @Test
  void entriesWrittenDuringTheRollDoNotFailTheVerification() {
    // Clients keep writing through a zero-downtime roll: more entries afterwards is fine.
    doReturn(Map.of("orders", 1000L, "sessions", 500L))
        .doReturn(Map.of("orders", 1000L, "sessions", 730L))
        .when(hz)
        .mapSizes(any());

    HazelcastUpgradeWorkflow stub = start(request());
    UpgradeStatus status = result(stub);

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(status.details(HazelcastDetails.class).maps())
        .contains(new MapProgress("sessions", 500, 730L));
  }

  @Test
  void entryCountsThatChangedFailTheUpgradeWithTheNumbers() {
    doReturn(Map.of("orders", 1000L, "sessions", 500L))
        .doReturn(Map.of("orders", 990L, "sessions", 500L))
        .when(hz)
        .mapSizes(any());

    HazelcastUpgradeWorkflow stub = start(request());
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(FailureTypes.DATA_MISMATCH);
    assertThat(f.getOriginalMessage())
        .contains("map orders had 1000 entries before and 990 after (10 missing)")
        .contains("Nothing was rolled back");
    UpgradeStatus status = stub.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.details(HazelcastDetails.class).maps())
        .contains(new MapProgress("orders", 1000, 990L));
    verify(kube, never()).patchPodTemplate(image(OLD_IMAGE));
  }

  @Test
  void fixesUnsafeSettingsFirstWithAPacedRollWhenAsked() {
    doReturn(statefulSet(Map.of(), 30))
        .doReturn(statefulSet(SAFE_PROPERTIES, 630))
        .when(hz)
        .inspect(any());
    HazelcastUpgradeRequest r =
        gates(
            with(request(), false, true, false),
            Map.of(HazelcastGates.FIX_SETTINGS, io.gridshift.workflows.common.GatePolicy.auto()));

    UpgradeStatus done = result(start(r));

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    InOrder order = inOrder(kube, hz);
    order.verify(kube).setPartition(partition(3));
    order.verify(hz).applySafeSettings(STS, "hazelcast", 600, CLAIM);
    order.verify(kube).setPartition(partition(2));
    order.verify(hz).waitUntilSafe(waitFor("hz-2", FROM));
    order.verify(kube).setPartition(partition(1));
    order.verify(hz).waitUntilSafe(waitFor("hz-1", FROM));
    order.verify(kube).setPartition(partition(0));
    order.verify(hz).waitUntilSafe(waitFor("hz-0", FROM));
    order.verify(hz).inspect(STS);
    order.verify(kube).setPartition(partition(3));
    order.verify(kube).patchPodTemplate(image(NEW_IMAGE));
    assertThat(step(done, HazelcastSteps.FIX_SETTINGS).state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void deploymentRolloutIsWatchedUntilDoneAndSafe() {
    cluster.setWorkload(
        new io.gridshift.workflows.hazelcast.activities.HazelcastWorkload(
            "hz",
            io.gridshift.workflows.activities.WorkloadKind.DEPLOYMENT,
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
    doReturn(new RolloutStatus(3, 2, 2, 1, 0, false, "1 of 3 updated"))
        .doAnswer(
            i -> {
              podVersions.replaceAll((pod, v) -> TARGET);
              return new RolloutStatus(3, 3, 3, 3, 0, true, "done");
            })
        .when(kube)
        .rolloutStatus(any());

    UpgradeStatus done = result(start(deployment(request())));

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    verify(kube, never()).setPartition(any());
    InOrder order = inOrder(kube, hz);
    order
        .verify(kube)
        .patchPodTemplate(
            new PodTemplatePatch(DEPLOYMENT, "hazelcast", NEW_IMAGE, Map.of(), CLAIM));
    order.verify(kube).rolloutStatus(DEPLOYMENT);
    order.verify(hz).waitUntilSafe(any());
    order.verify(kube).rolloutStatus(DEPLOYMENT);
    order.verify(hz).waitUntilSafe(any());
    assertThat(step(done, HazelcastSteps.HOLD).state()).isEqualTo(StepState.SKIPPED);
  }
}
