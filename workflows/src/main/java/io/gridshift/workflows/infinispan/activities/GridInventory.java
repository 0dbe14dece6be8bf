package io.gridshift.workflows.infinispan.activities;

import java.util.List;

/**
 * The caches and schemas of a grid.
 *
 * @param caches every cache, internal ones included
 * @param schemas names of the Protobuf schemas registered in {@code ___protobuf_metadata}
 * @param members number of cluster members seen by the server answering
 */
public record GridInventory(List<CacheInfo> caches, List<String> schemas, int members) {}
