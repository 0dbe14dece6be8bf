package io.gridshift.activities.infinispan;

import java.util.ArrayList;
import java.util.List;

/**
 * The product's own rolling-upgrade steps on one source/target pair, opened to the upgrade-paths
 * benchmark ({@code io.gridshift.demo.bench.paths}) so that it measures exactly what the activities
 * send: the same remote-store JSON and XML, the same cache and schema copies, the same sync and
 * disconnect calls. It lives in the activities' package (in the demo module) because those classes
 * are package-private; it adds no behaviour of its own.
 */
public final class UpgradePathSteps implements AutoCloseable {
  private final RestClient sourceClient;
  private final RestClient targetClient;
  private final InfinispanRest source;
  private final InfinispanRest target;
  private final RollingUpgradeRest rollingUpgrade;

  /** Both grids without authentication. */
  public UpgradePathSteps(GridAddress source, GridAddress target) {
    this.sourceClient = new RestClient(source);
    this.targetClient = new RestClient(target);
    this.source = new InfinispanRest(sourceClient);
    this.target = new InfinispanRest(targetClient);
    this.rollingUpgrade = new RollingUpgradeRest(this.target);
  }

  /** CONFIG mode: each source cache's XML with the remote store the deploy step adds. */
  public static String configModeCaches(
      GridAddress source, List<String> caches, String host, int port) {
    try (RestClient client = new RestClient(source)) {
      InfinispanRest rest = new InfinispanRest(client);
      List<String> elements = new ArrayList<>();
      for (String cache : caches) {
        elements.add(
            RemoteStoreXml.withRemoteStore(rest.configXml(cache), cache, host, port, false));
      }
      return String.join("\n", elements);
    }
  }

  /** Schemas (and scripts) from the source to the target, as {@code copyInternalCaches} does. */
  public void copyInternalCaches() {
    new InternalStateCopier(source, target).copy();
  }

  /** The cache on the target with the source's configuration, as {@code createCache} does. */
  public void createCacheLikeSource(String cache) {
    if (!target.cacheExists(cache)) {
      target.createCache(cache, source.configJson(cache));
    }
  }

  /** RUNTIME mode: POSTs the remote store JSON of {@code connectSource} (no credentials). */
  public RestResponse connect(String cache, String host, int port) {
    return rollingUpgrade.connect(cache, RemoteStoreJson.render(cache, host, port, null, null));
  }

  /** Whether the target reports the cache connected to a source. */
  public boolean connected(String cache) {
    return rollingUpgrade.connected(cache);
  }

  /** {@code sync-data} with the server's defaults; the response once every entry is copied. */
  public RestResponse syncData(String cache) {
    return rollingUpgrade.syncData(cache, null, null).join();
  }

  /** {@code DELETE .../source-connection}. */
  public RestResponse disconnect(String cache) {
    return rollingUpgrade.disconnect(cache);
  }

  @Override
  public void close() {
    sourceClient.close();
    targetClient.close();
  }
}
