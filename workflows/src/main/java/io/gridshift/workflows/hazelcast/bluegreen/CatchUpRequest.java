package io.gridshift.workflows.hazelcast.bluegreen;

/**
 * Follow the source maps' journals from {@code from}, applying every event to the target.
 *
 * @param move the maps and clusters
 * @param from where to resume each partition
 * @param untilDrained true: return only when every partition's journal is read to its end (writes
 *     are paused, so the end stays put); false: one pass over every partition, returning the lag
 *     left
 */
public record CatchUpRequest(MapMove move, JournalMarks from, boolean untilDrained) {}
