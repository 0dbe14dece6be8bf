package io.gridshift.workflows.fleet;

/**
 * A person's skip or retry of one grid of a fleet.
 *
 * @param grid {@code cluster/namespace/name}
 * @param by who asks (required)
 * @param comment why
 */
public record GridAction(String grid, String by, String comment) {}
