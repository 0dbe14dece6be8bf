package io.gridshift.activities.infinispan;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.Failures;
import io.gridshift.activities.kubernetes.PodExec;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpResult;
import io.gridshift.workflows.infinispan.activities.ClusterHealth;
import io.gridshift.workflows.infinispan.activities.ClusterHealthRequest;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.RemoteStoreConfigRequest;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.RemoteCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infinispan data activities over the REST admin API (digest auth, {@link RestClient}) and Hot Rod
 * ({@link HotRodClients}), on one cluster's task queue. Grids are reached only through that
 * cluster's {@link ClusterAccess#infinispan()}, which resolves addresses and credentials per call
 * and owns the clients.
 */
public final class InfinispanDataActivitiesImpl implements InfinispanDataActivities {
  private static final Logger LOG = LoggerFactory.getLogger(InfinispanDataActivitiesImpl.class);
  private static final Duration HEALTH_POLL = Duration.ofMillis(250);

  private final InfinispanConnections grids;
  private final SourceConnections connections = new SourceConnections();
  private final SyncRunner syncRunner;
  private final ServerCli cli;

  /** Acts on the grids of {@code cluster}; syncData heartbeats every 2 seconds. */
  public InfinispanDataActivitiesImpl(ClusterAccess cluster) {
    this(cluster, Duration.ofSeconds(2));
  }

  /**
   * @param syncHeartbeatInterval how often syncData heartbeats the target's entry count
   */
  public InfinispanDataActivitiesImpl(ClusterAccess cluster, Duration syncHeartbeatInterval) {
    this.grids = cluster.infinispan();
    this.syncRunner = new SyncRunner(cluster.name(), syncHeartbeatInterval);
    this.cli = new ServerCli(new PodExec(cluster.kubernetes()));
  }

  @Override
  public GridInventory inventory(GridEndpoint grid) {
    InfinispanRest rest = rest(grid);
    List<CacheInfo> caches = new ArrayList<>();
    for (String name : rest.cacheNames()) {
      boolean internal = name.startsWith("___");
      caches.add(new CacheInfo(name, size(rest, name, internal), mediaType(rest, name), internal));
    }
    List<String> schemas = rest.schemas().stream().map(InfinispanRest.Schema::name).toList();
    return new GridInventory(caches, schemas, rest.health().members(), rest.serverVersion());
  }

  @Override
  public String serverVersion(GridEndpoint grid) {
    return rest(grid).serverVersion();
  }

  @Override
  public String renderRemoteStoreConfigs(RemoteStoreConfigRequest request) {
    InfinispanRest source = rest(request.source());
    List<String> elements = new ArrayList<>();
    for (String cache : request.caches()) {
      String xml = source.configXml(cache);
      try {
        elements.add(
            RemoteStoreXml.withRemoteStore(
                xml, cache, request.sourceHost(), request.port(), source.grid().hasCredentials()));
      } catch (IllegalArgumentException e) {
        throw Failures.nonRetryable(
            "rendering cache '"
                + cache
                + "' of "
                + source.grid().describe()
                + ": "
                + e.getMessage(),
            FailureTypes.UNSAFE_CONFIGURATION);
      }
    }
    return String.join("\n", elements);
  }

  @Override
  public void copyInternalCaches(GridEndpoint source, GridEndpoint target) {
    new InternalStateCopier(rest(source), rest(target)).copy();
  }

  @Override
  public void createCache(CacheRequest request) {
    InfinispanRest target = rest(request.target());
    String cache = request.cache();
    if (target.cacheExists(cache)) {
      LOG.info("cache '{}' already exists on {}", cache, target.grid().describe());
      return;
    }
    InfinispanRest source = rest(request.source());
    boolean created = target.createCache(cache, source.configJson(cache));
    LOG.info(
        "cache '{}' {} on {} with the configuration of {}",
        cache,
        created ? "created" : "already existed",
        target.grid().describe(),
        source.grid().describe());
  }

  @Override
  public void connectSource(ConnectSourceRequest request) {
    GridAddress source = grids.resolve(request.cache().source());
    connections.connect(
        request, source, rest(request.cache().source()), rest(request.cache().target()));
  }

  @Override
  public ProbeResult probeWriteThrough(CacheRequest request) {
    InfinispanRest target = rest(request.target());
    String mediaType = target.storageMediaType(request.cache());
    ProbeResult result =
        new WriteProbe(rest(request.source()), target).probe(request.cache(), mediaType);
    LOG.info(
        "write probe of '{}' on {}: passed={} {}",
        request.cache(),
        target.grid().describe(),
        result.passed(),
        result.detail());
    return result;
  }

  @Override
  public SyncResult syncData(SyncRequest request) {
    InfinispanRest target = rest(request.cache().target());
    String cache = request.cache().cache();
    RemoteCache<byte[], byte[]> raw =
        grids.hotRod(target.grid(), cache, target.storageMediaType(cache));
    GridEndpoint where = request.cache().target();
    return syncRunner.run(
        request,
        target,
        () -> raw.withFlags(Flag.SKIP_CACHE_LOAD).size(),
        Activity.getExecutionContext(),
        () -> cli.synchronize(target.grid(), where.cluster().namespace(), where.service(), cache));
  }

  @Override
  public VerifyResult verify(VerifyRequest request) {
    CacheRequest pair = request.cache();
    InfinispanRest sourceRest = rest(pair.source());
    GridAddress target = grids.resolve(pair.target());
    // The source's storage type for both sides: the target transcodes if it stores otherwise.
    String mediaType = sourceRest.storageMediaType(pair.cache());
    ActivityExecutionContext context = Activity.getExecutionContext();
    try {
      RemoteCache<byte[], byte[]> source = grids.hotRod(sourceRest.grid(), pair.cache(), mediaType);
      RemoteCache<byte[], byte[]> targetCache = grids.hotRod(target, pair.cache(), mediaType);
      long sourceEntries = source.size();
      long targetEntries =
          request.skipSourceLoad()
              ? targetCache.withFlags(Flag.SKIP_CACHE_LOAD).size()
              : targetCache.size();
      VerifyResult result =
          new CacheVerifier(source, targetCache, request.skipSourceLoad(), context::heartbeat)
              .verify(
                  pair.cache(),
                  sourceEntries,
                  targetEntries,
                  request.sample(),
                  request.fullKeyCheck());
      LOG.info(
          "verified '{}' from {} to {}: {}",
          pair.cache(),
          sourceRest.grid().describe(),
          target.describe(),
          result);
      return result;
    } catch (ActivityCompletionException e) {
      throw e; // cancelled or timed out: Temporal handles it
    } catch (RuntimeException e) {
      throw HotRodClients.failure(target, "verifying cache '" + pair.cache() + "'", e);
    }
  }

  @Override
  public void warmUpCatchUp(CacheRequest request) {
    long started = System.nanoTime();
    withCatchUpPass(
        request, "warming up the catch-up of", pass -> pass.warmUp(CatchUpRequest.DEFAULT_RANGES));
    LOG.info(
        "catch-up of '{}' warmed up in {} ms",
        request.cache(),
        (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public CatchUpResult catchUp(CatchUpRequest request) {
    CatchUpResult[] result = new CatchUpResult[1];
    withCatchUpPass(
        request.cache(),
        "catching up",
        pass -> result[0] = pass.run(request.cache().cache(), request.ranges()));
    LOG.info("caught up '{}': {}", request.cache().cache(), result[0]);
    return result[0];
  }

  /** Runs {@code body} on a catch-up pass between the pair's raw caches, mapping client errors. */
  private void withCatchUpPass(
      CacheRequest pair, String doing, java.util.function.Consumer<CatchUpPass> body) {
    InfinispanRest sourceRest = rest(pair.source());
    GridAddress target = grids.resolve(pair.target());
    // The source's storage type for both sides, as verify reads them: bytes compare directly.
    String mediaType = sourceRest.storageMediaType(pair.cache());
    ActivityExecutionContext context = Activity.getExecutionContext();
    try {
      body.accept(
          new CatchUpPass(
              grids.hotRod(sourceRest.grid(), pair.cache(), mediaType),
              grids.hotRod(target, pair.cache(), mediaType),
              () -> context.heartbeat(null)));
    } catch (ActivityCompletionException e) {
      throw e; // cancelled or timed out: Temporal handles it
    } catch (RuntimeException e) {
      throw HotRodClients.failure(target, doing + " cache '" + pair.cache() + "'", e);
    }
  }

  @Override
  public void disconnectSource(CacheRequest request) {
    InfinispanRest target = rest(request.target());
    GridEndpoint where = request.target();
    connections.disconnect(
        request.cache(),
        target,
        () ->
            cli.disconnect(
                target.grid(), where.cluster().namespace(), where.service(), request.cache()));
  }

  @Override
  public ClusterHealth waitForClusterHealth(ClusterHealthRequest request) {
    InfinispanRest rest = rest(request.grid());
    ActivityExecutionContext context = Activity.getExecutionContext();
    long deadline = System.nanoTime() + Duration.ofSeconds(request.timeoutSeconds()).toNanos();
    ClusterHealth last = null;
    String lastError = null;
    while (true) {
      try {
        last = rest.health();
        if (last.members() == request.expectedMembers() && "HEALTHY".equals(last.status())) {
          LOG.info(
              "grid {} is {} with {} members",
              rest.grid().describe(),
              last.status(),
              last.members());
          return last;
        }
      } catch (ApplicationFailure e) {
        if (e.isNonRetryable()) {
          throw e;
        }
        lastError = e.getOriginalMessage(); // servers still starting: keep polling
      }
      context.heartbeat(last);
      if (System.nanoTime() > deadline) {
        // The wait's own deadline is its budget: not retried (its attempts are for worker deaths).
        throw Failures.nonRetryable(
            "grid "
                + rest.grid().describe()
                + " did not become HEALTHY with "
                + request.expectedMembers()
                + " members in "
                + request.timeoutSeconds()
                + " s; last seen "
                + (last == null
                    ? "nothing"
                    : last.status() + " with " + last.members() + " members")
                + (lastError == null ? "" : "; last error: " + lastError),
            FailureTypes.CLUSTER_NOT_HEALTHY);
      }
      sleep(HEALTH_POLL);
    }
  }

  private InfinispanRest rest(GridEndpoint endpoint) {
    return grids.rest(endpoint);
  }

  private static long size(InfinispanRest rest, String cache, boolean internal) {
    try {
      return rest.size(cache);
    } catch (ApplicationFailure e) {
      if (!internal) {
        throw e;
      }
      LOG.debug("size of internal cache {} unavailable: {}", cache, e.getOriginalMessage());
      return -1;
    }
  }

  /** The configured value encoding, or null when the configuration sets none. */
  static String mediaType(InfinispanRest rest, String cache) {
    JsonNode config = rest.json(rest.configJson(cache));
    JsonNode encoding =
        config.path(cache).elements().hasNext()
            ? config.path(cache).elements().next().path("encoding")
            : config.path("encoding");
    String type = encoding.path("value").path("media-type").asText(null);
    return type != null ? type : encoding.path("media-type").asText(null);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for cluster health", e);
    }
  }
}
