package io.gridshift.workflows.common;

/**
 * Entry count of one map (Hazelcast) before and after an upgrade.
 *
 * @param name map name
 * @param entriesBefore entries before the first pod rolled
 * @param entriesAfter entries at verification, or null until verified
 */
public record MapProgress(String name, long entriesBefore, Long entriesAfter) {}
