package io.gridshift.workflows.infinispan.activities;

import java.util.List;

/**
 * CONFIG mode: asks the source for its cache definitions and renders them as XML elements with a
 * remote store pointing at the source.
 *
 * @param source the source grid (pinned Service)
 * @param caches caches to render
 * @param sourceHost host the target's remote stores use to reach the source
 * @param port source Hot Rod port
 */
public record RemoteStoreConfigRequest(
    GridEndpoint source, List<String> caches, String sourceHost, int port) {}
