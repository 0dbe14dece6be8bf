package io.gridshift.workflows.infinispan.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Infinispan side of an upgrade: the server's REST admin API (through a real HTTP client, digest
 * auth from a Secret) and the Hot Rod client. Every method is idempotent. Long calls heartbeat.
 */
@ActivityInterface(namePrefix = "InfinispanData.")
public interface InfinispanDataActivities {

  /** Lists a grid's caches (with sizes and encodings), Protobuf schemas and cluster size. */
  @ActivityMethod
  GridInventory inventory(GridEndpoint grid);

  /**
   * The server's own version text ({@code GET /rest/v2/server}'s {@code version}) from one member
   * of the grid, or null when the server answers without one. Changes nothing.
   */
  @ActivityMethod
  String serverVersion(GridEndpoint grid);

  /**
   * CONFIG mode: the source's cache definitions as XML elements, each with a remote store to the
   * source, to be written into the target's configuration.
   */
  @ActivityMethod
  String renderRemoteStoreConfigs(RemoteStoreConfigRequest request);

  /**
   * Copies internal state the caches depend on from source to target, before any user cache:
   * Protobuf schemas ({@code ___protobuf_metadata}) first, then server-side scripts/tasks. Existing
   * equal entries are left alone.
   */
  @ActivityMethod
  void copyInternalCaches(GridEndpoint source, GridEndpoint target);

  /** Creates the cache on the target with the source's configuration, unless it exists. */
  @ActivityMethod
  void createCache(CacheRequest request);

  /**
   * Connects the target cache to the source (RUNTIME) or verifies the configured remote store
   * (CONFIG). Already connected is fine.
   */
  @ActivityMethod
  void connectSource(ConnectSourceRequest request);

  /**
   * Writes a probe entry through the target (with the cache's own encoding), reads it from the
   * source, then removes it. A failure is returned, not thrown, so the workflow can refuse with the
   * reason.
   */
  @ActivityMethod
  ProbeResult probeWriteThrough(CacheRequest request);

  /** Runs sync-data for one cache; heartbeats the target's entry count while it runs. */
  @ActivityMethod
  SyncResult syncData(SyncRequest request);

  /** Compares one cache on source and target (counts, keys, sampled values); heartbeats. */
  @ActivityMethod
  VerifyResult verify(VerifyRequest request);

  /**
   * Prepares a catch-up pass of a disconnected cache so it runs at full speed once writes are
   * paused: opens the Hot Rod clients of both grids and reads the first of the pass's segment
   * ranges of each through the pass's own code. Changes nothing. Heartbeats.
   */
  @ActivityMethod
  void warmUpCatchUp(CacheRequest request);

  /**
   * Makes a disconnected target cache hold exactly the source's entries: reads both as raw bytes,
   * in parallel segment ranges, diffs them in memory, puts on the target what is missing or differs
   * and removes what the source no longer has. Meant for a cache whose client writes are paused;
   * running it again converges on the same state. Heartbeats per range read.
   */
  @ActivityMethod
  CatchUpResult catchUp(CatchUpRequest request);

  /** Disconnects the target cache from the source (RUNTIME mode). Already disconnected is fine. */
  @ActivityMethod
  void disconnectSource(CacheRequest request);

  /**
   * Waits until the grid's cluster view has {@code expectedMembers} and is HEALTHY; heartbeats.
   *
   * @throws io.temporal.failure.ApplicationFailure (retryable) when the timeout passes first
   */
  @ActivityMethod
  ClusterHealth waitForClusterHealth(ClusterHealthRequest request);
}
