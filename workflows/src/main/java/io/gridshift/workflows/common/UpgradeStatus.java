package io.gridshift.workflows.common;

import java.util.List;

/**
 * What {@code status()} returns, for every grid kind.
 *
 * @param workflowId the upgrade's workflow id
 * @param kind {@code infinispan} or {@code hazelcast}
 * @param phase the overall phase
 * @param currentStep the step running or waiting now, or null
 * @param steps every step in order
 * @param caches per-cache progress (Infinispan), empty otherwise
 * @param openGate the gate waiting for a decision, or null
 * @param audit the audit log, oldest first
 * @param paused whether a pause is in effect
 * @param message the latest noteworthy message: the plan summary, a failure and what to do
 * @param plan the plan (kind-specific record), once known
 * @param members per-member version, health and roll state (Hazelcast), empty otherwise
 * @param maps per-map entry counts before and after (Hazelcast), empty otherwise
 */
public record UpgradeStatus(
    String workflowId,
    String kind,
    Phase phase,
    String currentStep,
    List<StepStatus> steps,
    List<CacheProgress> caches,
    OpenGate openGate,
    List<AuditEntry> audit,
    boolean paused,
    String message,
    Object plan,
    List<MemberStatus> members,
    List<MapProgress> maps) {}
