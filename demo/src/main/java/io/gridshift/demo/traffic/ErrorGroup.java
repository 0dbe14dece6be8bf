package io.gridshift.demo.traffic;

/**
 * Failures that share a kind and a message.
 *
 * @param kind the error kind (see {@link OpSample#error()})
 * @param message the full message of the first failure of the group
 * @param count how many failures the group holds
 * @param firstEpochMs when the first was due
 * @param lastEpochMs when the last was due
 */
public record ErrorGroup(
    String kind, String message, long count, long firstEpochMs, long lastEpochMs) {}
