package io.gridshift.workflows.infinispan.activities;

/**
 * Outcome of writing a probe entry through the target and reading it back from the source.
 *
 * @param cache cache name
 * @param passed true when the write reached the source (and the probe entry was removed again)
 * @param detail what was seen; on failure what it means and what to do
 */
public record ProbeResult(String cache, boolean passed, String detail) {}
