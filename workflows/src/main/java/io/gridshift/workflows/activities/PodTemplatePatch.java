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
 * @param claim the workflow id of the upgrade that claimed the object: the activity refuses when
 *     the object does not carry this claim; null skips the check (histories from before claims)
 */
public record PodTemplatePatch(
    WorkloadRef workload,
    String container,
    String image,
    Map<String, String> annotations,
    String claim) {}
