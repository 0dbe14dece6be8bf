package io.gridshift.workflows.common;

/**
 * The task queues every gridshift process agrees on. They belong to no grid kind: every upgrade
 * workflow, whatever its kind, runs on {@link #WORKFLOWS}, and every activity that touches a
 * cluster runs on that cluster's own queue ({@link #cluster(String)}), served by a worker that can
 * reach it. The values are part of recorded histories and of running workers' configuration:
 * changing one strands the workflows and agents already polling the old name.
 */
public final class TaskQueues {

  /** The shared queue on which every upgrade workflow runs (never a grid or Kubernetes call). */
  public static final String WORKFLOWS = "gridshift-workflows";

  /** Prefix of every per-cluster activity task queue. */
  public static final String CLUSTER_PREFIX = "gridshift-cluster-";

  /** The task queue on which activities acting on the named cluster run. */
  public static String cluster(String name) {
    return CLUSTER_PREFIX + name;
  }

  private TaskQueues() {}
}
