package io.gridshift.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Kubernetes Events on the workloads an upgrade acts on, so that {@code kubectl describe
 * statefulset NAME} shows what gridshift did and why. Runs on the task queue of the cluster it
 * writes to. Best effort: it never fails an upgrade.
 */
@ActivityInterface(namePrefix = "Events.")
public interface GridEventActivities {

  /**
   * Writes one core/v1 Event per workload of {@code request} that exists (a StatefulSet, else a
   * Deployment of that name; an absent one is skipped). Idempotent: each Event's name is derived
   * from the workflow id, run id, sequence number and workload, and one that already exists (a
   * retried call) is left as is. A write that fails (forbidden, API down) is logged and counted,
   * never thrown.
   *
   * @return what happened to each Event
   */
  @ActivityMethod
  GridEventsWritten record(GridEventRequest request);
}
