package io.gridshift.workflows.hazelcast.activities;

/**
 * One member's view, from {@code GET /hazelcast/health} and {@code /hazelcast/rest/cluster}.
 *
 * @param pod pod name
 * @param address pod IP:port
 * @param version the member's Hazelcast version
 * @param nodeState ACTIVE, SHUT_DOWN, ... (null when unreachable)
 * @param clusterState ACTIVE, FROZEN, PASSIVE, ...
 * @param clusterSafe whether every partition has its backups (nothing at risk)
 * @param migrationQueueSize pending partition migrations
 * @param clusterSize members this member sees
 * @param reachable whether the member answered
 */
public record MemberHealth(
    String pod,
    String address,
    String version,
    String nodeState,
    String clusterState,
    boolean clusterSafe,
    int migrationQueueSize,
    int clusterSize,
    boolean reachable) {}
