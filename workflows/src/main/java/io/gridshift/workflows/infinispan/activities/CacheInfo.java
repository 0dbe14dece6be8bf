package io.gridshift.workflows.infinispan.activities;

/**
 * One cache of a grid.
 *
 * @param name cache name
 * @param entries number of entries (cluster-wide size)
 * @param mediaType the value encoding ({@code application/x-protostream}, {@code
 *     application/x-java-object}, ... or null when unset)
 * @param internal whether this is an internal cache (names starting with {@code ___})
 */
public record CacheInfo(String name, long entries, String mediaType, boolean internal) {}
