package io.gridshift.demo.traffic;

/**
 * Client latency before the upgrade and while it ran.
 *
 * @param baseline operations due before the upgrade started
 * @param during operations due between the upgrade's start and end
 */
public record LatencyMs(Percentiles baseline, Percentiles during) {}
