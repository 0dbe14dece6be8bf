package io.gridshift.workflows.common;

/**
 * One member of a rolled cluster (Hazelcast), as {@code status()} shows it.
 *
 * @param pod pod name
 * @param version the version the member reports (null when unreachable)
 * @param reachable whether the member answered its health endpoint
 * @param clusterSafe whether the member reports every partition backed up
 * @param migrationQueueSize pending partition migrations the member reports
 * @param clusterSize members this member sees
 * @param state where the pod is in the roll: PENDING, ROLLING, UPDATED, ROLLING_BACK, ROLLED_BACK
 */
public record MemberStatus(
    String pod,
    String version,
    boolean reachable,
    boolean clusterSafe,
    int migrationQueueSize,
    int clusterSize,
    String state) {}
