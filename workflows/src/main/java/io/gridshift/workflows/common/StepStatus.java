package io.gridshift.workflows.common;

/**
 * One step as shown by {@code status()}.
 *
 * @param name step name (stable across UI, REST, CLI), e.g. {@code deploy-target}
 * @param state current state
 * @param startedAt ISO-8601 instant or null
 * @param endedAt ISO-8601 instant or null
 * @param attempts how many times the step's activity was attempted (1 on first success)
 * @param message the latest detail: progress, or what went wrong and what to do
 */
public record StepStatus(
    String name, StepState state, String startedAt, String endedAt, int attempts, String message) {}
