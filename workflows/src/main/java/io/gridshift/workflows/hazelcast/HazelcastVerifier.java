package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.MapProgress;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.UpgradeMetrics;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The steps that count: record-sizes before the roll, and verify after it: every member on the
 * target version, the cluster version as expected, every map's entry count unchanged. A mismatch
 * ends the upgrade FAILED with the numbers; nothing is rolled back (every member already runs the
 * target, and rolling back would not bring lost entries back).
 */
final class HazelcastVerifier {
  /** The failure type when members or the cluster version are not what the upgrade should give. */
  static final String VERIFICATION_FAILED = "VerificationFailed";

  /** The cluster version follows the last member after a short while (auto-upgrade). */
  private static final int CLUSTER_VERSION_READS = 12;

  private static final Duration CLUSTER_VERSION_PAUSE = Duration.ofSeconds(5);

  private final HazelcastPlan plan;
  private final HazelcastActivityStubs act;
  private final StepTracker tracker;
  private final HazelcastProgress progress;
  private final HazelcastEndpoint endpoint;
  private final UpgradeMetrics metrics;
  private final String cluster;

  HazelcastVerifier(
      HazelcastPlan plan,
      HazelcastActivityStubs act,
      StepTracker tracker,
      HazelcastProgress progress,
      HazelcastEndpoint endpoint,
      UpgradeMetrics metrics,
      String cluster) {
    this.metrics = metrics;
    this.cluster = cluster;
    this.plan = plan;
    this.act = act;
    this.tracker = tracker;
    this.progress = progress;
    this.endpoint = endpoint;
  }

  /** Step record-sizes. */
  void recordSizes() {
    Map<String, Long> sizes = act.hz().mapSizes(endpoint);
    progress.sizesBefore(sizes);
    long total = sizes.values().stream().mapToLong(Long::longValue).sum();
    tracker.note(HazelcastSteps.RECORD_SIZES, sizes.size() + " maps, " + total + " entries");
  }

  /** Step verify. */
  void verify() {
    ClusterSnapshot snapshot = awaitClusterVersion();
    progress.update(snapshot);
    checkMembers(snapshot);
    checkClusterVersion(snapshot);
    progress.sizesAfter(act.hz().mapSizes(endpoint));
    checkMaps();
    tracker.note(
        HazelcastSteps.VERIFY,
        plan.replicas()
            + " members on "
            + plan.targetVersion()
            + ", cluster version "
            + snapshot.clusterVersion()
            + ", "
            + progress.maps().size()
            + " maps with every entry");
  }

  private ClusterSnapshot awaitClusterVersion() {
    ClusterSnapshot snapshot = act.hz().snapshot(endpoint);
    String expected = plan.expectedClusterVersion();
    for (int read = 1; read < CLUSTER_VERSION_READS; read++) {
      if (expected == null || expected.equals(snapshot.clusterVersion())) {
        break;
      }
      Workflow.sleep(CLUSTER_VERSION_PAUSE);
      snapshot = act.hz().snapshot(endpoint);
    }
    return snapshot;
  }

  private void checkMembers(ClusterSnapshot snapshot) {
    List<MemberHealth> wrong =
        snapshot.members().stream()
            .filter(
                m ->
                    !m.reachable()
                        || !Versions.isValid(m.version())
                        || Versions.compare(m.version(), plan.targetVersion()) != 0)
            .toList();
    if (wrong.isEmpty() && snapshot.members().size() == plan.replicas()) {
      return;
    }
    String members =
        snapshot.members().stream()
            .map(m -> m.pod() + " " + (m.reachable() ? m.version() : "unreachable"))
            .collect(Collectors.joining(", "));
    throw UpgradeStop.failed(
        VERIFICATION_FAILED,
        "verify expected "
            + plan.replicas()
            + " members on "
            + plan.targetVersion()
            + " and found "
            + members
            + "; check the pods of "
            + plan.grid()
            + " and their logs");
  }

  private void checkClusterVersion(ClusterSnapshot snapshot) {
    String expected = plan.expectedClusterVersion();
    if (expected == null || expected.equals(snapshot.clusterVersion())) {
      return;
    }
    throw UpgradeStop.failed(
        VERIFICATION_FAILED,
        "verify expected cluster version "
            + expected
            + " and found "
            + snapshot.clusterVersion()
            + "; with "
            + HazelcastVersionRules.AUTO_UPGRADE_PROPERTY
            + "=true it follows once every member runs "
            + plan.targetVersion()
            + ", else change it through the management REST API or Management Center");
  }

  /**
   * Fewer entries after the roll than before stops the upgrade for a human. More is fine: clients
   * keep writing through a zero-downtime roll.
   */
  private void checkMaps() {
    List<MapProgress> changed =
        progress.maps().stream()
            .filter(m -> m.entriesAfter() != null && m.entriesAfter() < m.entriesBefore())
            .toList();
    if (changed.isEmpty()) {
      return;
    }
    metrics.verifyMismatches(
        cluster, changed.stream().mapToLong(m -> m.entriesBefore() - m.entriesAfter()).sum());
    String numbers =
        changed.stream()
            .map(
                m ->
                    "map "
                        + m.name()
                        + " had "
                        + m.entriesBefore()
                        + " entries before and "
                        + m.entriesAfter()
                        + " after ("
                        + (m.entriesBefore() - m.entriesAfter())
                        + " missing)")
            .collect(Collectors.joining("; "));
    throw UpgradeStop.failed(
        FailureTypes.DATA_MISMATCH,
        "verify found fewer entries than before the roll: "
            + numbers
            + "; every member runs "
            + plan.targetVersion()
            + ", so rolling back would not bring entries back: check whether clients removed"
            + " them, and restore from a backup if they were lost");
  }
}
