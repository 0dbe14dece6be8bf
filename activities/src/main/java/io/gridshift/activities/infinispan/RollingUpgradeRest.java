package io.gridshift.activities.infinispan;

import static io.gridshift.activities.infinispan.InfinispanRest.cachePath;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * The rolling-upgrade endpoints of a target cache: {@code .../rolling-upgrade/source-connection}
 * (HEAD 200 connected / 404 not; POST 204, or 304 when already connected; DELETE 204, or 304 when
 * not connected) and {@code ?action=sync-data}.
 */
final class RollingUpgradeRest {
  private final InfinispanRest rest;

  RollingUpgradeRest(InfinispanRest rest) {
    this.rest = rest;
  }

  boolean connected(String cache) {
    RestResponse response =
        rest.client()
            .call(
                "checking the source connection of cache '" + cache + "'",
                true,
                c -> c.cache(cache).sourceConnected())
            .join();
    if (response.status() == 404) {
      return false;
    }
    rest.expectOk("checking the source connection of cache '" + cache + "'", response);
    return true;
  }

  /** The connection as the target reports it. Holds the password: never log it. */
  JsonNode connection(String cache) {
    RestResponse response = rest.client().get(connectionPath(cache));
    return rest.json(rest.expectOk("reading the source connection of '" + cache + "'", response));
  }

  /** POSTs the remote store; returns the response for the caller to judge. */
  RestResponse connect(String cache, JsonNode remoteStore) {
    return rest.client()
        .send(
            "POST",
            connectionPath(cache),
            "application/json",
            remoteStore.toString(),
            null,
            RestClient.DEFAULT_TIMEOUT);
  }

  /** DELETEs the source connection; 204 disconnected, 304 was not connected, 404 no such cache. */
  RestResponse disconnect(String cache) {
    return rest.client()
        .call(
            "disconnecting the source of cache '" + cache + "'",
            true,
            c -> c.cache(cache).disconnectSource())
        .join();
  }

  /**
   * Starts {@code sync-data}; the server answers when every entry is copied.
   *
   * @param readBatch entries per read from the source, or null for the server default
   * @param threads copying threads, or null for the server default
   */
  CompletableFuture<RestResponse> syncData(String cache, Integer readBatch, Integer threads) {
    // No client timeout: the server answers when every entry is copied, hours later for a big
    // cache; the activity's heartbeat timeout, not this call, detects a dead worker.
    return rest.client()
        .call(
            "sync-data of cache '" + cache + "'",
            false,
            c -> c.cache(cache).synchronizeData(readBatch, threads));
  }

  private static String connectionPath(String cache) {
    return cachePath(cache) + "/rolling-upgrade/source-connection";
  }
}
