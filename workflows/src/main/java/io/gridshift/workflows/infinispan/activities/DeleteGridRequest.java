package io.gridshift.workflows.infinispan.activities;

import io.gridshift.workflows.common.ClusterRef;
import java.util.List;

/**
 * Deletes a grid: its StatefulSet, the ConfigMap its pods mount, and the listed Services. Deleting
 * what is already gone succeeds (idempotent).
 *
 * @param cluster where
 * @param grid StatefulSet name
 * @param services Services to delete with it (never the client Service)
 * @param deleteConfigMap whether to delete the ConfigMap its pods mount
 * @param claim the workflow id of the upgrade that claimed the object: the activity refuses when
 *     the StatefulSet and each Service do not carry this claim; null skips the check (histories
 *     from before claims)
 */
public record DeleteGridRequest(
    ClusterRef cluster,
    String grid,
    List<String> services,
    boolean deleteConfigMap,
    String claim) {}
