package io.gridshift.workflows.common;

/**
 * One step as shown by {@code status()}.
 *
 * @param name step name (stable across UI, REST, CLI), e.g. {@code deploy-target}
 * @param state current state
 * @param startedAt ISO-8601 instant or null
 * @param endedAt ISO-8601 instant or null
 * @param attempts how many times the workflow ran the step (1 on first success; a re-run after a
 *     gate counts, the activity retries inside one run are Temporal's and show in its UI)
 * @param message the latest detail: progress, or what went wrong and what to do
 */
public record StepStatus(
    String name, StepState state, String startedAt, String endedAt, int attempts, String message) {}
