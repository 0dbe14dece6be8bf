package io.gridshift.workflows.infinispan.activities;

import io.gridshift.workflows.common.ClusterRef;

/**
 * Reads the source grid from Kubernetes (read-only).
 *
 * @param cluster where
 * @param grid source StatefulSet
 * @param service client Service
 * @param route OpenShift Route or null
 * @param targetGrid name the target will take (reported if something already uses it)
 */
public record InspectSourceRequest(
    ClusterRef cluster, String grid, String service, String route, String targetGrid) {}
