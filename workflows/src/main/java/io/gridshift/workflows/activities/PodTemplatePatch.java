package io.gridshift.workflows.activities;

import java.util.Map;

/**
 * Changes a workload's pod template. Idempotent: applying the same patch twice changes nothing the
 * second time.
 *
 * @param workload the workload
 * @param container the container whose image changes (null: the first container)
 * @param image the new image, or null to keep it
 * @param annotations pod template annotations to set (e.g. a restart marker), may be empty
 */
public record PodTemplatePatch(
    WorkloadRef workload, String container, String image, Map<String, String> annotations) {}
