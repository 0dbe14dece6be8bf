package io.gridshift.workflows.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the Kubernetes cluster and namespace a request acts on. Activities for a cluster run on its
 * own task queue ({@link #taskQueue()}, see {@link TaskQueues}), served by a worker that can reach
 * that cluster.
 *
 * @param cluster the cluster name as configured in the worker (for example {@code prod-eu-1})
 * @param namespace the namespace of the grid; defaults to {@code default}
 */
public record ClusterRef(String cluster, String namespace) {

  public ClusterRef {
    if (namespace == null || namespace.isBlank()) {
      namespace = "default";
    }
  }

  /** The task queue on which activities acting on this cluster run. */
  public String taskQueue() {
    return TaskQueues.cluster(cluster);
  }

  /** Problems with this reference, empty when valid. */
  public List<String> problems(String field) {
    List<String> problems = new ArrayList<>();
    if (cluster == null || cluster.isBlank()) {
      problems.add(
          field + ".cluster is required: the cluster name a worker serves (see worker.yaml)");
    } else if (!Names.isDnsLabel(cluster)) {
      problems.add(field + ".cluster '" + cluster + "' must be a DNS label (a-z, 0-9, '-')");
    }
    if (!Names.isDnsLabel(namespace)) {
      problems.add(field + ".namespace '" + namespace + "' must be a DNS label (a-z, 0-9, '-')");
    }
    return problems;
  }
}
