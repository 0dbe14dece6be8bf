package io.gridshift.workflows.common;

import io.temporal.workflow.Workflow;

/**
 * Activity stubs on one cluster's task queue, one per option profile ({@link
 * ActivityOptionsProfiles}): how every kind's workflow reaches its cluster's agent. Workflow code
 * only.
 */
public final class ClusterStubs {
  private final String taskQueue;

  public ClusterStubs(ClusterRef cluster) {
    this.taskQueue = cluster.taskQueue();
  }

  /** A stub for calls that take seconds. */
  public <T> T shortCalls(Class<T> activities) {
    return Workflow.newActivityStub(activities, ActivityOptionsProfiles.shortCalls(taskQueue));
  }

  /** A stub for waits that poll and heartbeat. */
  public <T> T longWaits(Class<T> activities) {
    return Workflow.newActivityStub(activities, ActivityOptionsProfiles.longWaits(taskQueue));
  }

  /** A stub for the plan's first call, which fails fast when no worker serves the cluster. */
  public <T> T firstContact(Class<T> activities) {
    return Workflow.newActivityStub(activities, ActivityOptionsProfiles.firstContact(taskQueue));
  }
}
