package io.gridshift.workflows.common;

/**
 * Progress of one cache through an Infinispan upgrade.
 *
 * @param name cache name
 * @param mediaType value encoding
 * @param state PENDING, CREATED, CONNECTED, PROBED, SYNCING, SYNCED, VERIFIED, DISCONNECTED, FAILED
 * @param sourceEntries entries on the source (at plan, then at verification)
 * @param targetEntries entries on the target at the latest verification
 * @param synchronizedEntries entries sync-data reported
 * @param missingKeys keys missing on the target at the latest verification
 * @param syncMillis how long sync-data took
 */
public record CacheProgress(
    String name,
    String mediaType,
    String state,
    long sourceEntries,
    long targetEntries,
    long synchronizedEntries,
    long missingKeys,
    long syncMillis) {}
