package io.gridshift.workflows.activities;

import io.gridshift.workflows.common.ClusterRef;

/**
 * Points an OpenShift Route at a Service. Idempotent.
 *
 * @param cluster where
 * @param route the Route
 * @param service the Service it should target
 */
public record RouteRequest(ClusterRef cluster, String route, String service) {}
