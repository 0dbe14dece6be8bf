package io.gridshift.workflows.activities;

import io.gridshift.workflows.common.ClusterRef;
import java.util.Map;

/**
 * Sets a Service's selector (moves its traffic). Idempotent.
 *
 * @param cluster where
 * @param service the Service
 * @param selector the complete new selector
 * @param claim the workflow id of the upgrade that claimed the object: the activity refuses when
 *     the object does not carry this claim; null skips the check (histories from before claims)
 */
public record ServiceSelectorRequest(
    ClusterRef cluster, String service, Map<String, String> selector, String claim) {}
