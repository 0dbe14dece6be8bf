package io.gridshift.workflows.activities;

import io.gridshift.workflows.common.ClusterRef;

/**
 * Points an OpenShift Route at a Service. Idempotent.
 *
 * @param cluster where
 * @param route the Route
 * @param service the Service it should target
 * @param claim the workflow id of the upgrade that claimed the object: the activity refuses when
 *     the object does not carry this claim; null skips the check (histories from before claims)
 */
public record RouteRequest(ClusterRef cluster, String route, String service, String claim) {}
