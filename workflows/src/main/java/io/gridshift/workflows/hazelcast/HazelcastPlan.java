package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import java.util.List;

/**
 * What a Hazelcast upgrade will do, as the plan step decided it ({@code status().plan()}).
 *
 * @param grid the workload's name
 * @param kind StatefulSet or Deployment
 * @param replicas members expected
 * @param container the Hazelcast container
 * @param fromVersion the version running now
 * @param targetVersion the version to roll to
 * @param previousImage the image running now (a rollback puts it back)
 * @param targetImage the image rolled out
 * @param edition open source or enterprise
 * @param clusterVersionBefore the cluster version before the upgrade (null when unknown)
 * @param expectedClusterVersion the cluster version verify expects (null: not checked)
 * @param violations every preflight violation (empty when safe)
 * @param fixSettingsFirst whether unsafe settings are fixed by a first roll (gate fix-settings)
 * @param safeMaxWait the hazelcast.graceful.shutdown.max.wait the safe settings write (seconds)
 * @param warnings things worth knowing that do not stop the upgrade (a workload taken over from the
 *     tool that manages it)
 * @param path how the cluster moves to the target ({@link HazelcastPaths}); null when the version
 *     jump itself is refused (a downgrade, an edition change, a major version)
 */
public record HazelcastPlan(
    String grid,
    WorkloadKind kind,
    int replicas,
    String container,
    String fromVersion,
    String targetVersion,
    String previousImage,
    String targetImage,
    HazelcastEdition edition,
    String clusterVersionBefore,
    String expectedClusterVersion,
    List<Violation> violations,
    boolean fixSettingsFirst,
    int safeMaxWait,
    List<String> warnings,
    HazelcastPath path) {

  /** The pod of a StatefulSet ordinal. */
  public String pod(int ordinal) {
    return grid + "-" + ordinal;
  }

  /**
   * Whether the preflight's violations refuse the upgrade: there are some, and gridshift is not to
   * fix them all first (fixUnsafeSettings with only fixable ones).
   */
  public boolean refused() {
    return !violations.isEmpty() && !fixSettingsFirst;
  }

  /** Whether the data moves to a new cluster instead of the members rolling. */
  public boolean blueGreen() {
    return path == HazelcastPath.BLUE_GREEN;
  }

  /** Whether the workflow paces the roll itself with the StatefulSet partition. */
  public boolean statefulSet() {
    return kind == WorkloadKind.STATEFULSET;
  }
}
