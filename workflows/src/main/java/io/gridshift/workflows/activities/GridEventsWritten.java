package io.gridshift.workflows.activities;

/**
 * What {@link GridEventActivities#record} did, per workload.
 *
 * @param written Events created now
 * @param alreadyThere Events that existed already (a retried call): left as they were
 * @param absent workloads that do not exist (not created yet, or deleted): nothing written
 * @param failed writes that failed (logged and counted; the upgrade goes on)
 */
public record GridEventsWritten(int written, int alreadyThere, int absent, int failed) {}
