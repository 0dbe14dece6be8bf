package io.gridshift.workflows.activities;

/**
 * Sets a StatefulSet's {@code updateStrategy.rollingUpdate.partition}: pods with an ordinal at or
 * above it take the new template.
 *
 * @param statefulSet the StatefulSet (kind must be STATEFULSET)
 * @param partition the new partition
 */
public record PartitionRequest(WorkloadRef statefulSet, int partition) {}
