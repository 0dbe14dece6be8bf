package io.gridshift.workflows.activities;

import io.gridshift.workflows.common.ClusterRef;
import java.util.Map;

/**
 * Sets a Service's selector (moves its traffic). Idempotent.
 *
 * @param cluster where
 * @param service the Service
 * @param selector the complete new selector
 */
public record ServiceSelectorRequest(
    ClusterRef cluster, String service, Map<String, String> selector) {}
