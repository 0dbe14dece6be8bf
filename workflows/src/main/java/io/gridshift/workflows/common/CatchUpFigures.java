package io.gridshift.workflows.common;

/**
 * What the catch-up pass of a cache moved with a short write pause did.
 *
 * @param copied entries put on the target
 * @param deleted entries removed from the target
 * @param millis how long the pass took
 */
public record CatchUpFigures(long copied, long deleted, long millis) {}
