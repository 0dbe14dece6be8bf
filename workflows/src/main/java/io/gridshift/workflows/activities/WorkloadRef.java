package io.gridshift.workflows.activities;

import io.gridshift.workflows.common.ClusterRef;

/**
 * A StatefulSet, Deployment or OpenShift DeploymentConfig.
 *
 * @param cluster where
 * @param kind which kind
 * @param name its name
 */
public record WorkloadRef(ClusterRef cluster, WorkloadKind kind, String name) {}
