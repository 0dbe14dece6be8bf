package io.gridshift.workflows.infinispan.activities;

import java.util.List;

/**
 * The caches and schemas of a grid.
 *
 * @param caches every cache, internal ones included
 * @param schemas names of the Protobuf schemas registered in {@code ___protobuf_metadata}
 * @param members number of cluster members seen by the server answering
 * @param serverVersion the server's own version text ({@code GET /rest/v2/server}'s {@code
 *     version}, e.g. {@code Infinispan 'I'm Still Standing' 15.0.21.Final}), or null when it did
 *     not say (and in histories recorded before it was read)
 */
public record GridInventory(
    List<CacheInfo> caches, List<String> schemas, int members, String serverVersion) {}
