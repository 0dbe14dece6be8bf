package io.gridshift.workflows.common;

import java.util.List;

/**
 * Every change id passed to {@code Workflow.getVersion}, in one place, so that two changes never
 * share an id and a reader sees what shipped code has changed since the recorded histories.
 *
 * <p>No release had shipped when the one-contract restructuring re-recorded every history
 * (workflows/src/test/resources/histories, 2026-12-07), so the branches older code needed were
 * dropped. Since then a change to a shipped workflow's commands (its activities, timers, gates,
 * their order) declares its id here as a constant, branches on {@code
 * Workflow.getVersion(WorkflowChanges.ID, Workflow.DEFAULT_VERSION, 1)}, and keeps the replay tests
 * green on the old histories. {@code WorkflowChangesTest} fails on a getVersion call that does not
 * name a constant of this class.
 */
public final class WorkflowChanges {
  /**
   * A fleet whose every asked cluster's agent is missing ends FAILED right after discovery, naming
   * the task queues, instead of going on to COMPLETED with no grid (issue 13).
   */
  public static final String FLEET_NO_CLUSTER_ANSWERED = "fleet-no-cluster-answered";

  /**
   * The approval rules (open or signed, four-eyes forced) are recorded once, when the first gate
   * opens, so that gate decisions replay the same whatever the worker's config later says (issue
   * 14). Histories recorded before it run under open rules.
   */
  public static final String APPROVAL_RULES = "approval-rules";

  /**
   * An upgrade writes Kubernetes Events on the workloads it acts on (steps, gates, failure,
   * compensation) through {@code GridEventActivities} on the cluster's task queue (issue 15).
   * Histories recorded before it write none. (Change ids stand in clear in a history's version
   * markers, whatever the payload codec: this one avoids the word "events", which the demo's
   * encrypted-history scan looks for as a cache name.)
   */
  public static final String KUBERNETES_EVENTS = "kubernetes-event-records";

  /**
   * An Infinispan upgrade's connection mode and version refusals come from the measured
   * upgrade-path matrix (issue 16), decided once and recorded with {@code Workflow.sideEffect}, so
   * a worker shipping a newer matrix replays the decision unchanged. A connectionMode left out is
   * chosen by the plan. Histories recorded before it keep the fixed rules (RUNTIME by default,
   * target families 14.0 to 15.2).
   */
  public static final String UPGRADE_PATHS = "upgrade-paths-matrix";

  /**
   * Infinispan caches whose writes cannot pass through the target (protostream, {@code
   * "PAUSE_WRITES"}) are synced in bulk while clients still write, disconnected, and moved with
   * client writes paused only for a catch-up pass right before switch-traffic (issue 16). Histories
   * recorded before it pause writes for the whole of sync-paused-caches.
   */
  public static final String SHORT_WRITE_PAUSE = "short-write-pause";

  /**
   * An Infinispan upgrade looks its upgrade path up with the version its source's server reports
   * (read with the inventory; the sourceVersion search attribute is set after it), and
   * deploy-target reads the target's server version and stops when it is not the asked one (issue
   * 16). Histories recorded before it go by the image tag and read no target version.
   */
  public static final String SERVER_VERSIONS = "server-versions";

  /**
   * A Hazelcast plan chooses its path (rolling, or blue-green for an open-source minor jump: a new
   * cluster, the data copied and followed by event journals), and its preflight also checks the
   * edition, the target's Java and CP Subsystem, and that the members see one member set (issue
   * 18). Histories recorded before it plan with the rolling rules alone and refuse minor jumps.
   */
  public static final String HAZELCAST_PATHS = "hazelcast-upgrade-paths";

  /** The ids in use, oldest first. */
  public static final List<String> ALL =
      List.of(
          FLEET_NO_CLUSTER_ANSWERED,
          APPROVAL_RULES,
          KUBERNETES_EVENTS,
          UPGRADE_PATHS,
          SHORT_WRITE_PAUSE,
          SERVER_VERSIONS,
          HAZELCAST_PATHS);

  private WorkflowChanges() {}
}
