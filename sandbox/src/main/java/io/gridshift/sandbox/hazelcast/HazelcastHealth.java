package io.gridshift.sandbox.hazelcast;

/**
 * A member's answer to {@code GET /hazelcast/health}.
 *
 * @param nodeState e.g. {@code ACTIVE}, {@code PASSIVE}, {@code SHUTTING_DOWN}
 * @param clusterState e.g. {@code ACTIVE}, {@code FROZEN}
 * @param clusterSafe whether every partition has its backups in place (no migration running)
 * @param migrationQueueSize partition migrations still queued on this member
 * @param clusterSize members this member sees, itself included
 */
public record HazelcastHealth(
    String nodeState,
    String clusterState,
    boolean clusterSafe,
    int migrationQueueSize,
    int clusterSize) {}
