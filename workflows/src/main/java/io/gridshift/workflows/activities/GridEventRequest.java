package io.gridshift.workflows.activities;

import io.gridshift.workflows.common.ClusterRef;
import java.util.List;

/**
 * One Event an upgrade reports, to be written on each of {@code workloads}.
 *
 * @param cluster where the workloads are
 * @param workloads names of the StatefulSets or Deployments it regards (the source grid, and the
 *     target grid once planned)
 * @param reason a {@link GridEventReason} name, e.g. {@code StepStarted}
 * @param type {@code Normal} or {@code Warning}
 * @param message one short sentence for people, naming the workflow id
 * @param workflowId the upgrade's workflow id
 * @param runId the upgrade's run id
 * @param sequence this Event's number within the run (1, 2, ...): with the ids, it names the Event
 * @param at when it happened (ISO-8601 instant, workflow time)
 */
public record GridEventRequest(
    ClusterRef cluster,
    List<String> workloads,
    String reason,
    String type,
    String message,
    String workflowId,
    String runId,
    int sequence,
    String at) {}
