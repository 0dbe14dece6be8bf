package io.gridshift.activities.infinispan;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.temporal.failure.ApplicationFailure;
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
 *   <li>RUNTIME mode, target cache still empty (the normal case: gridshift just created it): delete
 *       it and create it again with the remote store in its configuration. Every member then starts
 *       the cache with the store. The alternative, {@code POST .../source-connection}, adds the
 *       store member by member, and each member first checks cluster-wide that the cache is empty;
 *       on a target of three or more members that check reads through the stores other members
 *       already added and fails with ISPN000648 "Cache is non empty, cannot add store" (seen on
 *       15.0.21 in the sandbox, every attempt).
 *   <li>Otherwise POST the remote store. When that fails the server may keep the half-made store
 *       (seen on 15.0.21 with a wrong password: HEAD says connected, reads find nothing), so it is
 *       deleted again before failing, and the next attempt starts clean.
 * </ol>
 */
final class SourceConnections {
  private static final Logger LOG = LoggerFactory.getLogger(SourceConnections.class);

  void connect(
      ConnectSourceRequest request,
      GridAddress source,
      InfinispanRest sourceRest,
      InfinispanRest target) {
    String cache = request.cache().cache();
    if (source.trust() != null && request.configured()) {
      throw tlsConfigModeUnsupported(cache, source);
    }
    boolean exists = target.cacheExists(cache);
    if (!exists && !request.configured() && sourceRest.cacheExists(cache)) {
      // Not created yet (RUNTIME mode creates user caches here, connected from the start), or a
      // retry after a crash between deleting and re-creating the cache (step 3 below).
      createWithStore(cache, sourceRest.configJson(cache), render(request, source), target);
      return;
    }
    if (!exists) {
      throw target
          .grid()
          .cacheNotFound(cache, "create it on the target before connecting it to the source");
    }
    RollingUpgradeRest upgrade = new RollingUpgradeRest(target);
    boolean connected = upgrade.connected(cache);
    if (request.configured()) {
      requireConfigured(cache, connected, target);
      return;
    }
    JsonNode wanted = render(request, source);
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
    if (target.size(cache) == 0 && recreateWithStore(cache, wanted, target)) {
      return;
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

  /**
   * CONFIG mode's remote stores are rendered into the target's {@code infinispan.xml} without the
   * trust store RUNTIME mode gives them, so they cannot reach a TLS source: refused (the request
   * check refuses it first; this is the second guard).
   */
  private static RuntimeException tlsConfigModeUnsupported(String cache, GridAddress source) {
    return Failures.nonRetryable(
        "cache '"
            + cache
            + "': source "
            + source.describe()
            + " speaks TLS (tlsSecret "
            + source.trust().secret()
            + "), and CONFIG mode's remote stores are rendered without a trust store; use"
            + " connectionMode RUNTIME for an upgrade over TLS",
        FailureTypes.INVALID_REQUEST);
  }

  private static JsonNode render(ConnectSourceRequest request, GridAddress source) {
    return RemoteStoreJson.render(
        request.cache().cache(),
        request.sourceHost(),
        request.sourcePort(),
        source.username(),
        source.password(),
        source.trust() == null ? null : GridTrust.sniName(source.name()));
  }

  /**
   * Re-creates the empty {@code cache} with the remote store in its configuration. When the server
   * refuses (the store cannot start: wrong credentials, source unreachable), the plain cache is put
   * back and false returned, so that {@code source-connection} runs and reports the precise cause.
   */
  private static boolean recreateWithStore(String cache, JsonNode wanted, InfinispanRest target) {
    String config = target.configJson(cache);
    target.deleteCache(cache);
    try {
      createWithStore(cache, config, wanted, target);
      return true;
    } catch (ApplicationFailure e) {
      LOG.warn(
          "cache '{}' on {} could not start with a remote store ({}); diagnosing through"
              + " source-connection",
          cache,
          target.grid().describe(),
          e.getOriginalMessage());
      // The failed cache stays defined but not started (seen on 15.0.21): remove it, then restore.
      target.deleteCache(cache);
      target.createCache(cache, config);
      return false;
    }
  }

  /** Creates {@code cache} from {@code configJson} with the remote store {@code wanted} added. */
  private static void createWithStore(
      String cache, String configJson, JsonNode wanted, InfinispanRest target) {
    target.createCache(cache, RemoteStoreJson.withStore(configJson, wanted).toString());
    LOG.info(
        "created cache '{}' on {} with a remote store to its source in its configuration",
        cache,
        target.grid().describe());
  }

  /**
   * Removes the connection, then any write probe a failed probe left behind; not connected (304)
   * and no such cache (404) are fine.
   */
  void disconnect(String cache, InfinispanRest target) {
    disconnect(cache, target, null);
  }

  /**
   * As {@link #disconnect(String, InfinispanRest)}; when the target's REST API lacks the action
   * ({@link ServerCli#restActionMissing}), {@code cli} disconnects instead (null: fail as before).
   */
  void disconnect(String cache, InfinispanRest target, Runnable cli) {
    RestResponse response = new RollingUpgradeRest(target).disconnect(cache);
    int status = response.status();
    boolean missing =
        cli != null
            && (status == 404 || status == 405 || status == 501)
            && ServerCli.restActionMissing(status, status != 404 || target.cacheExists(cache));
    if (missing) {
      LOG.info(
          "{} has no REST disconnect for cache '{}' ({}): the server's CLI does it",
          target.grid().describe(),
          cache,
          status);
      cli.run();
    } else {
      switch (status) {
        case 204, 200 ->
            LOG.info(
                "disconnected cache '{}' on {} from its source", cache, target.grid().describe());
        case 304 -> LOG.info("cache '{}' on {} was not connected", cache, target.grid().describe());
        case 404 -> {
          LOG.warn(
              "cache '{}' does not exist on {}: nothing to disconnect",
              cache,
              target.grid().describe());
          return;
        }
        default -> throw target.grid().unexpected("disconnecting cache '" + cache + "'", response);
      }
    }
    WriteProbe.removeLeftover(cache, target);
  }

  private static void requireConfigured(String cache, boolean connected, InfinispanRest target) {
    if (!connected) {
      throw Failures.nonRetryable(
          "CONFIG mode: cache '"
              + cache
              + "' on target "
              + target.grid().describe()
              + " has no remote store to the source in its configuration; deploy the target with"
              + " the rendered cache configurations (or use RUNTIME mode)",
          FailureTypes.UNSAFE_CONFIGURATION);
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
              + "; fix the Secret's username/password",
          FailureTypes.INVALID_REQUEST);
    }
    return target
        .grid()
        .unexpected("connecting cache '" + cache + "' to source " + source.describe(), response);
  }
}
