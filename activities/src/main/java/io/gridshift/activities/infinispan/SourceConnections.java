package io.gridshift.activities.infinispan;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects and disconnects target caches to and from their source caches, idempotently.
 *
 * <ol>
 *   <li>HEAD the connection. CONFIG mode only checks it: the remote store comes from the target's
 *       configuration, and the server reports it as connected (HEAD 200).
 *   <li>RUNTIME mode, connected already: keep it when it points at the same host, port, cache and
 *       credentials; otherwise disconnect and connect again.
 *   <li>POST the remote store. When that fails the server may keep the half-made store (seen on
 *       15.0.21 with a wrong password: HEAD says connected, reads find nothing), so it is deleted
 *       again before failing, and the next attempt starts clean.
 * </ol>
 */
final class SourceConnections {
  private static final Logger LOG = LoggerFactory.getLogger(SourceConnections.class);

  void connect(ConnectSourceRequest request, GridAddress source, InfinispanRest target) {
    String cache = request.cache().cache();
    if (!target.cacheExists(cache)) {
      throw Failures.cacheNotFound(
          target.grid(), cache, "create it on the target before connecting it to the source");
    }
    RollingUpgradeRest upgrade = new RollingUpgradeRest(target);
    boolean connected = upgrade.connected(cache);
    if (request.configured()) {
      requireConfigured(cache, connected, target);
      return;
    }
    JsonNode wanted =
        RemoteStoreJson.render(
            cache,
            request.sourceHost(),
            request.sourcePort(),
            source.username(),
            source.password());
    if (connected) {
      if (RemoteStoreJson.sameConnection(upgrade.connection(cache), wanted)) {
        LOG.info(
            "cache '{}' on {} is already connected to {}",
            cache,
            target.grid().describe(),
            source.describe());
        return;
      }
      LOG.info("cache '{}' on {} is connected elsewhere; re-pointing it", cache, target.grid());
      disconnect(cache, target);
    }
    RestResponse response = upgrade.connect(cache, wanted);
    if (response.ok() || response.status() == 304) {
      LOG.info(
          "connected cache '{}' on {} to {}:{} ({})",
          cache,
          target.grid().describe(),
          request.sourceHost(),
          request.sourcePort(),
          source.hasCredentials() ? "digest as " + source.username() : "no auth");
      return;
    }
    upgrade.disconnect(cache);
    throw connectFailed(cache, source, target, response);
  }

  /** Removes the connection; not connected (304) and no such cache (404) are fine. */
  void disconnect(String cache, InfinispanRest target) {
    RestResponse response = new RollingUpgradeRest(target).disconnect(cache);
    switch (response.status()) {
      case 204, 200 ->
          LOG.info(
              "disconnected cache '{}' on {} from its source", cache, target.grid().describe());
      case 304 -> LOG.info("cache '{}' on {} was not connected", cache, target.grid().describe());
      case 404 ->
          LOG.warn(
              "cache '{}' does not exist on {}: nothing to disconnect",
              cache,
              target.grid().describe());
      default ->
          throw Failures.unexpected(target.grid(), "disconnecting cache '" + cache + "'", response);
    }
  }

  private static void requireConfigured(String cache, boolean connected, InfinispanRest target) {
    if (!connected) {
      throw Failures.nonRetryable(
          FailureTypes.UNSAFE_CONFIGURATION,
          "CONFIG mode: cache '"
              + cache
              + "' on target "
              + target.grid().describe()
              + " has no remote store to the source in its configuration; deploy the target with"
              + " the rendered cache configurations (or use RUNTIME mode)");
    }
    LOG.info(
        "cache '{}' on {} reads through its configured remote store",
        cache,
        target.grid().describe());
  }

  private static RuntimeException connectFailed(
      String cache, GridAddress source, InfinispanRest target, RestResponse response) {
    String body = response.body();
    if (body.contains("Invalid credentials")
        || body.contains("ELY05055")
        || body.contains("SecurityException")) {
      return Failures.nonRetryable(
          FailureTypes.INVALID_REQUEST,
          "target "
              + target.grid().describe()
              + " could not connect cache '"
              + cache
              + "' to source "
              + source.describe()
              + ": the source rejected user '"
              + source.username()
              + "' from Secret "
              + source.secret()
              + "; fix the Secret's username/password");
    }
    return Failures.unexpected(
        target.grid(), "connecting cache '" + cache + "' to source " + source.describe(), response);
  }
}
