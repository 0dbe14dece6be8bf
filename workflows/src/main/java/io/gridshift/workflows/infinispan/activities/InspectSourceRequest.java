package io.gridshift.workflows.infinispan.activities;

import io.gridshift.workflows.common.ClusterRef;

/**
 * Reads the source grid from Kubernetes (read-only).
 *
 * @param cluster where
 * @param grid source StatefulSet or OpenShift DeploymentConfig
 * @param service client Service
 * @param route OpenShift Route or null
 * @param targetGrid name the target will take (reported if something already uses it)
 * @param upgradeId the inspecting upgrade's workflow id: objects claimed by another upgrade are
 *     refused, naming it (null: claims are not checked)
 */
public record InspectSourceRequest(
    ClusterRef cluster,
    String grid,
    String service,
    String route,
    String targetGrid,
    String upgradeId) {}
