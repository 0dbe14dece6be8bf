package io.gridshift.demo.timeline;

import java.time.Instant;

/**
 * One client operation of the traffic probe.
 *
 * @param at when the operation started
 * @param latencyMs how long it took, in milliseconds
 * @param ok false when it failed: counted in the error strip, left out of the latency lines
 */
public record Sample(Instant at, double latencyMs, boolean ok) {}
