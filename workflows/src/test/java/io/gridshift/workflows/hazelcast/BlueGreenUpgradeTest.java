package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.MapProgress;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberFeatures;
import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenGates;
import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenSteps;
import io.gridshift.workflows.hazelcast.bluegreen.CatchUp;
import io.gridshift.workflows.hazelcast.bluegreen.Drained;
import io.gridshift.workflows.hazelcast.bluegreen.JournalMarks;
import io.gridshift.workflows.hazelcast.bluegreen.MapCheck;
import io.gridshift.workflows.hazelcast.bluegreen.MapCopy;
import io.gridshift.workflows.hazelcast.bluegreen.TargetRequest;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.gridshift.workflows.testing.FakeHazelcastCluster;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The blue-green path of an open-source minor upgrade (5.3.6 -> 5.4.0, which the members cannot
 * roll): the real workflow with the blue-green activities mocked. What clients see hangs on the
 * order: nothing is switched before the journals drained and every key compared, and before the
 * switch every stop deletes the target and leaves clients on the source.
 */
class BlueGreenUpgradeTest extends HazelcastTestSupport {
  static final String MINOR = "5.4.0";
  static final WorkloadRef TARGET_STS =
      new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "hz-5-4-0");
  static final Map<String, String> SOURCE_SELECTOR = Map.of("app", "hz");
  static final Map<String, String> TARGET_SELECTOR = Map.of("gridshift.io/grid", "hz-5-4-0");
  static final JournalMarks MARKS = new JournalMarks(Map.of("orders", List.of(7L)));

  @BeforeEach
  void dataMovesCleanly() {
    when(blueGreen.markJournals(any())).thenReturn(MARKS);
    when(blueGreen.copyMaps(any()))
        .thenReturn(List.of(new MapCopy("orders", 1000, 20), new MapCopy("sessions", 500, 10)));
    when(blueGreen.catchUp(any())).thenReturn(new CatchUp(MARKS, 3, 0, 5, List.of()));
    when(blueGreen.compare(any()))
        .thenReturn(
            List.of(
                new MapCheck("orders", 1000, 1000, 1000, List.of()),
                new MapCheck("sessions", 500, 500, 500, List.of())));
    drainedTo(
        new MapCheck("orders", 1000, 1000, 1000, List.of()),
        new MapCheck("sessions", 500, 500, 500, List.of()));
    when(blueGreen.serviceSelector(CLUSTER, "hz")).thenReturn(SOURCE_SELECTOR);
    when(blueGreen.targetSelector("hz-5-4-0")).thenReturn(TARGET_SELECTOR);
  }

  void drainedTo(MapCheck... checks) {
    when(blueGreen.drainAndRecheck(any()))
        .thenReturn(new Drained(new CatchUp(MARKS, 2, 0, 5, List.of()), List.of(checks)));
  }

  static HazelcastUpgradeRequest minor() {
    return HazelcastUpgradeRequest.of(CLUSTER, "hz", MINOR);
  }

  @Test
  void openSourceMinorUpgradeCopiesTheDataToANewClusterAndMovesClientsAfterTheDrain() {
    for (int i = 0; i < 3; i++) {
      podVersions.put("hz-5-4-0-" + i, MINOR);
    }
    HazelcastUpgradeWorkflow stub = start(minor());
    decide(stub, BlueGreenGates.SWITCH_TRAFFIC, true);
    decide(stub, BlueGreenGates.WRITES_PAUSED, true);
    decide(stub, BlueGreenGates.DELETE_SOURCE, true);
    UpgradeStatus status = result(stub);

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    InOrder order = inOrder(blueGreen, kube);
    order
        .verify(blueGreen)
        .deployTarget(
            new TargetRequest(STS, "hz-5-4-0", "hazelcast", "hazelcast/hazelcast:" + MINOR));
    order.verify(blueGreen).markJournals(any());
    order.verify(blueGreen).copyMaps(any());
    order.verify(blueGreen).catchUp(argThat(r -> !r.untilDrained()));
    order.verify(blueGreen).compare(any());
    order.verify(blueGreen).drainAndRecheck(argThat(r -> r.compared().size() == 2));
    order
        .verify(kube)
        .setServiceSelector(new ServiceSelectorRequest(CLUSTER, "hz", TARGET_SELECTOR, null));
    order.verify(blueGreen).deleteStatefulSet(STS);
    // The members never roll: no partition, no image change on the source.
    verify(kube, never()).setPartition(any());
    verify(kube, never()).patchPodTemplate(any());
    verify(blueGreen, never()).deleteStatefulSet(TARGET_STS);
    assertThat(status.details(HazelcastDetails.class).plan().path())
        .isEqualTo(HazelcastPath.BLUE_GREEN);
    assertThat(status.details(HazelcastDetails.class).maps())
        .extracting(MapProgress::name, m -> m.writePauseMs() != null)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("orders", true),
            org.assertj.core.groups.Tuple.tuple("sessions", true));
    assertThat(status.details(HazelcastDetails.class).tables())
        .extracting(t -> t.columns())
        .contains(List.of("MAP", "BEFORE", "AFTER", "WRITE PAUSE"));
    assertThat(step(status, HazelcastSteps.ROLL).state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(status, BlueGreenSteps.DRAIN).state()).isEqualTo(StepState.SUCCEEDED);
    // The members shown are the ones clients reach now: the target's, on the new version.
    assertThat(status.details(HazelcastDetails.class).members())
        .extracting(m -> m.pod() + " " + m.version())
        .containsExactly("hz-5-4-0-0 5.4.0", "hz-5-4-0-1 5.4.0", "hz-5-4-0-2 5.4.0");
  }

  @Test
  void rejectingSwitchTrafficDeletesTheTargetAndLeavesClientsOnTheSource() {
    HazelcastUpgradeWorkflow stub = start(minor());
    decide(stub, BlueGreenGates.SWITCH_TRAFFIC, false);
    ApplicationFailure f = failure(stub);

    assertThat(f.getOriginalMessage()).contains("rejected").contains("Compensated");
    verify(blueGreen).deleteStatefulSet(TARGET_STS);
    verify(kube, never()).setServiceSelector(any());
    verify(blueGreen, never()).deleteStatefulSet(STS);
    verify(blueGreen, never()).drainAndRecheck(any());
  }

  @Test
  void aDifferenceAfterTheDrainStopsBeforeTheSwitchAndDeletesTheTarget() {
    drainedTo(new MapCheck("orders", 1000, 999, 1000, List.of(17)));
    HazelcastUpgradeWorkflow stub = start(minor());
    decide(stub, BlueGreenGates.SWITCH_TRAFFIC, true);
    decide(stub, BlueGreenGates.WRITES_PAUSED, true);
    ApplicationFailure f = failure(stub);

    assertThat(f.getType()).isEqualTo(FailureTypes.DATA_MISMATCH);
    assertThat(f.getOriginalMessage()).contains("orders").contains("17");
    verify(blueGreen).deleteStatefulSet(TARGET_STS);
    verify(kube, never()).setServiceSelector(any());
    verify(blueGreen, never()).deleteStatefulSet(eq(STS));
  }

  @Test
  void aMapWithoutAnEventJournalIsRefusedAtPlanBeforeTheTargetIsDeployed() {
    cluster.setWorkload(withJournals(Map.of("default", 0, "sessions", 100_000)));
    ApplicationFailure f = failure(start(minor()));

    assertThat(f.getType()).isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);
    assertThat(f.getOriginalMessage())
        .contains("[" + HazelcastJournalRules.EVENT_JOURNAL + "]")
        .contains("gives orders (config default) no enabled event-journal")
        .doesNotContain("sessions (config")
        .contains("restart the source's members with it at their current version");
    nothingChanged();
  }

  @Test
  void aDryRunIsRefusedTooWithTheSameRule() {
    cluster.setWorkload(withJournals(Map.of()));
    ApplicationFailure f = failure(start(with(minor(), false, false, true)));

    assertThat(f.getType()).isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);
    assertThat(f.getOriginalMessage()).contains("gives orders, sessions no enabled event-journal");
    nothingChanged();
  }

  private void nothingChanged() {
    assertThat(cluster.changes).isEmpty();
    verify(blueGreen, never()).deployTarget(any());
    verify(blueGreen, never()).markJournals(any());
    verify(blueGreen, never()).copyMaps(any());
    verify(kube, never()).setServiceSelector(any());
  }

  /** The fake's StatefulSet with {@code journals} as its member configuration's maps. */
  private static HazelcastWorkload withJournals(Map<String, Integer> journals) {
    HazelcastWorkload w =
        FakeHazelcastCluster.statefulSet("hz", FakeHazelcastCluster.SAFE_PROPERTIES, 600);
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
        w.owner(),
        new MemberFeatures(0, List.of(), journals));
  }
}
