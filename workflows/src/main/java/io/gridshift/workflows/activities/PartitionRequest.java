package io.gridshift.workflows.activities;

/**
 * Sets a StatefulSet's {@code updateStrategy.rollingUpdate.partition}: pods with an ordinal at or
 * above it take the new template.
 *
 * @param statefulSet the StatefulSet (kind must be STATEFULSET)
 * @param partition the new partition
 * @param claim the workflow id of the upgrade that claimed the object: the activity refuses when
 *     the object does not carry this claim; null skips the check (histories from before claims)
 */
public record PartitionRequest(WorkloadRef statefulSet, int partition, String claim) {}
