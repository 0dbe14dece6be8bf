package io.gridshift.workflows.hazelcast.activities;

import java.util.List;

/**
 * One member's view, from {@code GET /hazelcast/health} and {@code /hazelcast/rest/cluster}.
 *
 * @param pod pod name
 * @param address pod IP:port
 * @param version the member's Hazelcast version
 * @param nodeState ACTIVE, SHUT_DOWN, ... (null when unreachable)
 * @param clusterState ACTIVE, FROZEN, PASSIVE, ...
 * @param clusterSafe whether every partition has its backups (nothing at risk). A member alone says
 *     true too (hazelcast#13302): it proves nothing about the others, see {@code memberUuids}
 * @param migrationQueueSize pending partition migrations
 * @param clusterSize members this member sees
 * @param reachable whether the member answered
 * @param uuid the member's own UUID (the entry marked {@code localMember}), or null when it did not
 *     say
 * @param memberUuids the UUIDs of every member it sees, itself included, sorted; empty when it did
 *     not say (null in histories recorded before it was read)
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
    boolean reachable,
    String uuid,
    List<String> memberUuids) {}
