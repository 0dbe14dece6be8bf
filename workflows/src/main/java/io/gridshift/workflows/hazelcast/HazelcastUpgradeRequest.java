package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import java.util.Map;

/**
 * Asks for a paced rolling upgrade of one Hazelcast cluster. Only {@code cluster}, {@code grid} and
 * {@code targetVersion} are required; {@code withDefaults()} (to be written with the workflow)
 * fills in the rest and {@code problems()} lists what is wrong, each saying what to do.
 *
 * @param cluster where the grid runs
 * @param grid the StatefulSet (preferred) or Deployment running the members
 * @param kind STATEFULSET (default) or DEPLOYMENT
 * @param targetVersion e.g. {@code 5.3.8}
 * @param targetImage default: the current image's repository with {@code targetVersion} as tag
 * @param container the Hazelcast container; default the one whose image contains "hazelcast", else
 *     the first
 * @param port member port serving REST/health; default 5701
 * @param edition OPEN_SOURCE (default) or ENTERPRISE
 * @param fixUnsafeSettings when true, unsafe settings the preflight finds are fixed first (behind
 *     gate fix-settings), by a first safe roll; default false: the preflight refuses
 * @param canary when true, gate canary opens after the first pod runs the new version; default
 *     false
 * @param podTimeout how long one pod may take to become Ready and the cluster safe; default {@code
 *     10m}
 * @param gates policy per gate ({@link HazelcastGates}); a gate not listed requires approval
 * @param fourEyes when true, the requester cannot approve their own upgrade
 * @param requestedBy who asked
 * @param dryRun when true, the workflow returns the plan and the preflight's verdict and changes
 *     nothing
 */
public record HazelcastUpgradeRequest(
    ClusterRef cluster,
    String grid,
    WorkloadKind kind,
    String targetVersion,
    String targetImage,
    String container,
    Integer port,
    HazelcastEdition edition,
    Boolean fixUnsafeSettings,
    Boolean canary,
    String podTimeout,
    Map<String, GatePolicy> gates,
    Boolean fourEyes,
    String requestedBy,
    Boolean dryRun) {

  /** The workflow id: one running upgrade per grid. */
  public String workflowId() {
    return "hazelcast-upgrade-" + cluster.cluster() + "-" + cluster.namespace() + "-" + grid;
  }
}
