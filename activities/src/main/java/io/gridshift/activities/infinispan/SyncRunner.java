package io.gridshift.activities.infinispan;

import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GridshiftMetrics;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code sync-data} for one cache as one long REST call, heartbeating the target's own entry
 * count while the server copies. sync-data is idempotent (it copies what the source holds), so a
 * retried attempt simply runs it again; the previous attempt's last count is only logged.
 *
 * <p>The call has no client timeout: a cache of hundreds of millions of entries syncs for hours,
 * and a healthy sync must not be cut off. What ends a sync that went wrong is the activity's
 * heartbeat timeout (the worker died: another runs it again), a cancellation (the heartbeat throws
 * and the call is cancelled), or the server answering an error.
 */
final class SyncRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);
  private static final Pattern SYNCHRONIZED = Pattern.compile("Synchronized (\\d+) entries");

  private final String cluster;
  private final Duration heartbeatInterval;

  /**
   * @param cluster the cluster's name, the {@code cluster} label of the sync rate
   */
  SyncRunner(String cluster, Duration heartbeatInterval) {
    this.cluster = cluster;
    this.heartbeatInterval = heartbeatInterval;
  }

  /**
   * @param targetEntries the target's entries without reading through to the source
   */
  SyncResult run(
      SyncRequest request,
      InfinispanRest target,
      LongSupplier targetEntries,
      ActivityExecutionContext context) {
    return run(request, target, targetEntries, context, null);
  }

  /**
   * @param cli runs the sync with the server's CLI when the target's REST API lacks sync-data
   *     ({@link ServerCli#restActionMissing}); null: such a target fails as before
   */
  SyncResult run(
      SyncRequest request,
      InfinispanRest target,
      LongSupplier targetEntries,
      ActivityExecutionContext context,
      LongSupplier cli) {
    String cache = request.cache().cache();
    context
        .getHeartbeatDetails(Long.class)
        .ifPresent(
            n ->
                LOG.info(
                    "sync of '{}' retried (last seen {} entries): running it again", cache, n));
    long started = System.nanoTime();
    CompletableFuture<RestResponse> call =
        new RollingUpgradeRest(target).syncData(cache, request.readBatch(), request.threads());
    RestResponse response = await(call, targetEntries, context);
    long entries;
    if (cli != null && restActionMissing(response, target, cache)) {
      LOG.info(
          "{} has no REST sync-data for cache '{}' ({}): the server's CLI runs it",
          target.grid().describe(),
          cache,
          response.status());
      entries = cli.getAsLong();
    } else {
      entries = interpret(cache, target, response);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    LOG.info(
        "synchronized {} entries of '{}' to {} in {} ms",
        entries,
        cache,
        target.grid().describe(),
        millis);
    reportRate(context, cache, entries, millis);
    return new SyncResult(cache, entries, millis);
  }

  /** {@value GridshiftMetrics#SYNC_DATA_RATE}{cluster, cache}: this sync's entries per second. */
  private void reportRate(ActivityExecutionContext context, String cache, long entries, long ms) {
    context
        .getMetricsScope()
        .tagged(Map.of(GridshiftMetrics.CLUSTER, cluster, GridshiftMetrics.CACHE, cache))
        .gauge(GridshiftMetrics.SYNC_DATA_RATE)
        .update(entries * 1000.0 / Math.max(1, ms));
  }

  private RestResponse await(
      CompletableFuture<RestResponse> call,
      LongSupplier targetEntries,
      ActivityExecutionContext context) {
    while (true) {
      try {
        return call.get(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        try {
          context.heartbeat(progress(targetEntries));
        } catch (ActivityCompletionException cancelled) {
          call.cancel(true);
          throw cancelled;
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        call.cancel(true);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sync-data ran", e);
      }
    }
  }

  private static boolean restActionMissing(
      RestResponse response, InfinispanRest target, String cache) {
    int status = response.status();
    return (status == 404 || status == 405 || status == 501)
        && ServerCli.restActionMissing(status, status != 404 || target.cacheExists(cache));
  }

  private static long progress(LongSupplier targetEntries) {
    try {
      return targetEntries.getAsLong();
    } catch (RuntimeException e) {
      LOG.debug("reading sync progress failed: {}", e.toString());
      return -1;
    }
  }

  private static long interpret(String cache, InfinispanRest target, RestResponse response) {
    if (response.status() == 404) {
      throw target.grid().cacheNotFound(cache, "create and connect it before syncing");
    }
    if (response.body().contains("ISPN000397")) {
      throw Failures.nonRetryable(
          "sync-data of cache '"
              + cache
              + "' on "
              + target.grid().describe()
              + " found no remote store to the source: connect the source first ("
              + response.shortBody()
              + ")",
          FailureTypes.INVALID_REQUEST);
    }
    if (response.body().contains("Invalid credentials")) {
      throw Failures.nonRetryable(
          "sync-data of cache '"
              + cache
              + "': the source rejected the remote store's credentials; fix the source Secret"
              + " and connect again",
          FailureTypes.INVALID_REQUEST);
    }
    String body = target.expectOk("sync-data of cache '" + cache + "'", response);
    Matcher matcher = SYNCHRONIZED.matcher(body);
    if (!matcher.find()) {
      LOG.warn("sync-data of '{}' answered '{}': no entry count", cache, response.shortBody());
      return -1;
    }
    return Long.parseLong(matcher.group(1));
  }
}
