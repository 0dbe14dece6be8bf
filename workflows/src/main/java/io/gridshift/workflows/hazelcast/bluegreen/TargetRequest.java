package io.gridshift.workflows.hazelcast.bluegreen;

import io.gridshift.workflows.activities.WorkloadRef;

/**
 * The target StatefulSet of a blue-green upgrade, made from the source's.
 *
 * @param source the source StatefulSet
 * @param target the new StatefulSet's name (also its members' cluster name)
 * @param container the Hazelcast container
 * @param image the target version's image
 */
public record TargetRequest(WorkloadRef source, String target, String container, String image) {}
